// Ctrl-C during a benchmark: run the registered async clean-ups (a detached PostgreSQL cluster),
// then exit, which also fires the synchronous 'exit' clean-ups (server child, temporary files).
const tasks = new Set<() => Promise<void>>();

process.once('SIGINT', () => {
  void Promise.allSettled([...tasks].map((task) => task())).finally(() => process.exit(130));
});

/** Registers `task` for Ctrl-C; returns a function that unregisters it. */
export function onInterrupt(task: () => Promise<void>): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}
