/**
 * The worker-thread entry that builds 为我推荐's lemma index (`for-me-index.ts#loadInWorker`):
 * opens its own connection to the database, reads every story's lemmas, posts the index's arrays
 * back (transferred, not copied) and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open-store.js';
import { type ForMeThreadMessage, loadStoryLemmaIndex } from './for-me-index.js';
import { StoryLemmaIndex } from './story-lemma-index.js';

const port = parentPort;
if (!port) throw new Error('learner/for-me-thread.js runs as a worker thread (started by loadInWorker)');
const { dbPath } = workerData as { dbPath: string };
const store = await openStore(dbPath, { mustExist: true });
try {
  const data = (await loadStoryLemmaIndex(store)).export();
  port.postMessage({ ok: true, data } satisfies ForMeThreadMessage, StoryLemmaIndex.transferables(data));
} catch (error) {
  port.postMessage({ ok: false, message: (error as Error).message } satisfies ForMeThreadMessage);
} finally {
  await store.close();
}
