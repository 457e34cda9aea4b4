/**
 * Settings of the related-stories engine, with every default in one place.
 *
 * The defaults were tuned on the tuning half (ids hashed) of Reuters-21578 and BBC, and checked on
 * the held-out half; `bench/related-quality.ts` prints both. See `engine.ts` for the method.
 */
import { DEFAULT_TERM_OPTIONS, type TermOptions } from './story-terms.js';

export interface RelatedOptions {
  /** Stories per related list. Default 10; range 1–100. */
  limit: number;
  /** How text becomes terms (title and name weights, stemming). Defaults in `DEFAULT_TERM_OPTIONS`. */
  terms: TermOptions;
  /**
   * Exponent on idf in the lexical vectors. Default 0.5; range 0–1. Below 1 the frequent but topical
   * words of a domain (`shares`, `dividend`, `crude`) keep more weight against rare names; tuned.
   */
  lexicalIdfPower: number;
  /** Weight of the latent (LSA) cosine in the score; the lexical cosine gets the rest. Default 0.7; range 0–1. */
  latentWeight: number;
  /** Latent dimensions of the LSA space. Default 128; range 16–512 (256 measured no better). */
  latentDims: number;
  /** Singular-value exponent of the LSA fold-in. Default 0.5; range 0–1. */
  latentSigmaPower: number;
  /** Stories sampled to fit the LSA space at a rebuild (the rest are folded in). Default 20000; range 1000–∞. */
  latentSampleSize: number;
  /**
   * Seed of the LSA's random projection. Default 1; any whole number. Only benches change it, to
   * average figures over several projections (one projection's figures move by about 0.0015 P@5).
   */
  latentSeed: number;
  /** Least archive size at which a rebuild fits an LSA space (below it scores are lexical only). Default 50. */
  latentMinStories: number;
  /** Highest-weighted query terms whose posting lists give candidates. Default 40; range 5–1000. */
  candidateTerms: number;
  /** Posting budget of candidate generation: no further term is opened past it. Default 20000; range 1000–∞. */
  candidatePostings: number;
  /** Candidates reranked exactly per query. Default 200; range `limit`–N (N = exhaustive). */
  candidatePool: number;
  /** Stories of a new story's candidates checked for whether it enters their lists. Default 60; range 0–1000. */
  updateFanout: number;
  /** Recency tie-breaker: score bonus for stories published close together. Default 0 (off); range 0–0.05. */
  recencyWeight: number;
  /** Days over which the recency bonus halves. Default 30; range 1–3650. */
  recencyHalfLifeDays: number;
}

export const DEFAULT_RELATED_OPTIONS: Readonly<RelatedOptions> = Object.freeze({
  limit: 10,
  terms: DEFAULT_TERM_OPTIONS,
  lexicalIdfPower: 0.5,
  latentWeight: 0.7,
  latentDims: 128,
  latentSigmaPower: 0.5,
  latentSampleSize: 20000,
  latentSeed: 1,
  latentMinStories: 50,
  candidateTerms: 40,
  candidatePostings: 20000,
  candidatePool: 200,
  updateFanout: 60,
  recencyWeight: 0,
  recencyHalfLifeDays: 30,
});

/** Fills in defaults; `terms` is merged field by field. */
export function resolveOptions(
  options: Partial<Omit<RelatedOptions, 'terms'>> & {
    terms?: Partial<TermOptions>;
  } = {},
): RelatedOptions {
  return {
    ...DEFAULT_RELATED_OPTIONS,
    ...options,
    terms: { ...DEFAULT_RELATED_OPTIONS.terms, ...options.terms },
  };
}
