/**
 * Latent semantic analysis: a truncated SVD of the story × term matrix, by randomized range finding
 * (Halko, Martinsson & Tropp 2011, algorithm 4.4 with power iterations).
 *
 * Why: two stories about the same thing often share few exact words (`crude`, `barrels` vs `oil`,
 * `OPEC`); in the latent space words that co-occur across the archive point the same way, so their
 * stories come out close. The engine mixes this latent cosine with the lexical one.
 *
 * The fit sees only sparse term vectors (no text). A new story is folded in by multiplying its term
 * vector by the term matrix, so adding a story never refits; a rebuild does. Dense work is done in
 * Float64Array for accuracy; the stored term matrix is Float32Array to halve its memory.
 */
import { seededRandom } from '../core/random.js';

/** A story's terms as parallel arrays: ascending term numbers and their weights. */
export interface SparseVector {
  terms: Uint32Array;
  weights: Float32Array;
}

/** A fitted latent space. */
export interface LsaModel {
  /** Number of latent dimensions. */
  dims: number;
  /** Term number → its row in `termMatrix`, or -1 (a term too rare at fit time, or numbered later). */
  termRows: Int32Array;
  /** Row-major `rows × dims`: a term's latent direction, already scaled so that a fold-in is a sum. */
  termMatrix: Float32Array;
}

/** rows × l (row-major) ← X · M, where M is termCount × l row-major. */
function multiply(rows: readonly SparseVector[], m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(rows.length * l);
  rows.forEach((row, r) => {
    const base = r * l;
    for (let i = 0; i < row.terms.length; i++) {
      const from = row.terms[i]! * l;
      const w = row.weights[i]!;
      for (let j = 0; j < l; j++) out[base + j]! += w * m[from + j]!;
    }
  });
  return out;
}

/** termCount × l (row-major) ← Xᵀ · Y, where Y is rows × l row-major. */
function multiplyTransposed(
  rows: readonly SparseVector[],
  y: Float64Array,
  l: number,
  termCount: number,
): Float64Array {
  const out = new Float64Array(termCount * l);
  rows.forEach((row, r) => {
    const base = r * l;
    for (let i = 0; i < row.terms.length; i++) {
      const to = row.terms[i]! * l;
      const w = row.weights[i]!;
      for (let j = 0; j < l; j++) out[to + j]! += w * y[base + j]!;
    }
  });
  return out;
}

/** Orthonormalises the columns of an n × l row-major matrix in place (modified Gram–Schmidt). */
function orthonormalise(a: Float64Array, n: number, l: number): void {
  // Column-major copy so that every inner loop runs over contiguous memory.
  const c = new Float64Array(n * l);
  for (let i = 0; i < n; i++) for (let j = 0; j < l; j++) c[j * n + i] = a[i * l + j]!;
  for (let j = 0; j < l; j++) {
    const cj = c.subarray(j * n, j * n + n);
    for (let k = 0; k < j; k++) {
      const ck = c.subarray(k * n, k * n + n);
      let dot = 0;
      for (let i = 0; i < n; i++) dot += cj[i]! * ck[i]!;
      for (let i = 0; i < n; i++) cj[i]! -= dot * ck[i]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += cj[i]! * cj[i]!;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) cj[i]! /= norm;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < l; j++) a[i * l + j] = c[j * n + i]!;
}

/** Eigen-decomposition of a symmetric l × l matrix (cyclic Jacobi). Returns values and column vectors. */
function symmetricEigen(input: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]!;
          const akq = a[k * l + q]!;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!;
          const aqk = a[q * l + k]!;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!;
          const vkq = v[k * l + q]!;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i++) values[i] = a[i * l + i]!;
  return { values, vectors: v };
}

/** Options of `fitLsa`. */
export interface LsaFitOptions {
  /** Latent dimensions kept. Default 128; range 16–512. */
  dims: number;
  /** Power iterations (more = sharper leading directions, slower). Default 2; range 0–4. */
  powerIterations: number;
  /** Exponent applied to singular values in the fold-in (1 = classic U·Σ, 0 = whitened U). Default 1; range 0–1. */
  sigmaPower: number;
  /** Seed of the random projection. Default 1. */
  seed: number;
  /** Terms in fewer stories than this get no latent direction (they link nothing). Default 2; range 1–10. */
  minDocFrequency: number;
}

export const DEFAULT_LSA_FIT_OPTIONS: Readonly<LsaFitOptions> = Object.freeze({
  dims: 128,
  powerIterations: 2,
  sigmaPower: 1,
  seed: 1,
  minDocFrequency: 2,
});

/** Fits a latent space to term vectors whose term numbers are below `termCount`. */
export function fitLsa(
  input: readonly SparseVector[],
  termCount: number,
  options: Partial<LsaFitOptions> = {},
): LsaModel {
  const { dims, powerIterations, sigmaPower, seed, minDocFrequency } = {
    ...DEFAULT_LSA_FIT_OPTIONS,
    ...options,
  };
  const df = new Int32Array(termCount);
  for (const row of input) for (const t of row.terms) df[t]!++;
  const termRows = new Int32Array(termCount).fill(-1);
  let kept = 0;
  for (let t = 0; t < termCount; t++) if (df[t]! >= minDocFrequency) termRows[t] = kept++;
  const rows = input.map((row) => {
    const keep = Array.from(row.terms.keys()).filter((i) => termRows[row.terms[i]!]! >= 0);
    return {
      terms: Uint32Array.from(keep, (i) => termRows[row.terms[i]!]!),
      weights: Float32Array.from(keep, (i) => row.weights[i]!),
    };
  });
  termCount = kept;
  const k = Math.max(1, Math.min(dims, rows.length - 1, termCount));
  const l = Math.min(k + 10, rows.length, termCount);
  const next = seededRandom(seed);
  const omega = new Float64Array(termCount * l);
  for (let i = 0; i < omega.length; i += 2) {
    // Box–Muller: a Gaussian test matrix.
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const phi = 2 * Math.PI * next();
    omega[i] = r * Math.cos(phi);
    if (i + 1 < omega.length) omega[i + 1] = r * Math.sin(phi);
  }
  const q = multiply(rows, omega, l);
  orthonormalise(q, rows.length, l);
  for (let it = 0; it < powerIterations; it++) {
    const z = multiplyTransposed(rows, q, l, termCount);
    orthonormalise(z, termCount, l);
    q.set(multiply(rows, z, l));
    orthonormalise(q, rows.length, l);
  }
  // B = Qᵀ X is l × termCount; we hold Z = Bᵀ and decompose Zᵀ Z = B Bᵀ = U Σ² Uᵀ.
  const z = multiplyTransposed(rows, q, l, termCount);
  const gram = new Float64Array(l * l);
  for (let t = 0; t < termCount; t++) {
    const base = t * l;
    for (let i = 0; i < l; i++) {
      const zi = z[base + i]!;
      if (zi === 0) continue;
      for (let j = i; j < l; j++) gram[i * l + j]! += zi * z[base + j]!;
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) gram[i * l + j] = gram[j * l + i]!;
  const { values, vectors } = symmetricEigen(gram, l);
  const order = Array.from({ length: l }, (_, i) => i).sort((x, y) => values[y]! - values[x]!);
  // Term directions V = Z U Σ⁻¹; fold-in of x is x V Σ^(sigmaPower) = x Z U Σ^(sigmaPower − 1).
  const termMatrix = new Float32Array(termCount * k);
  for (let c = 0; c < k; c++) {
    const e = order[c]!;
    const sigma = Math.sqrt(Math.max(values[e]!, 1e-30));
    const scale = sigma ** (sigmaPower - 1);
    for (let t = 0; t < termCount; t++) {
      let sum = 0;
      const base = t * l;
      for (let i = 0; i < l; i++) sum += z[base + i]! * vectors[i * l + e]!;
      termMatrix[t * k + c] = sum * scale;
    }
  }
  return { dims: k, termRows, termMatrix };
}

/** Folds a term vector into the latent space; the result is L2-normalised (all zeros if no term is known). */
export function foldIn(
  model: LsaModel,
  vector: SparseVector,
  out: Float32Array = new Float32Array(model.dims),
): Float32Array {
  const { dims, termRows, termMatrix } = model;
  const sum = new Float64Array(dims);
  for (let i = 0; i < vector.terms.length; i++) {
    const row = termRows[vector.terms[i]!] ?? -1;
    if (row < 0) continue;
    const w = vector.weights[i]!;
    const base = row * dims;
    for (let j = 0; j < dims; j++) sum[j]! += w * termMatrix[base + j]!;
  }
  let norm = 0;
  for (let j = 0; j < dims; j++) norm += sum[j]! * sum[j]!;
  norm = Math.sqrt(norm);
  for (let j = 0; j < dims; j++) out[j] = norm > 0 ? sum[j]! / norm : 0;
  return out;
}
