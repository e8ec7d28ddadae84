//! Work spread over threads with results in input order, so that nothing that follows
//! depends on the number of threads.

/// `f` applied to every item on up to `jobs` threads, the results in the items' order.
///
/// Items are handed out one at a time from a shared counter, so a slow item does not hold
/// up a whole share of the work; the results are put back in order, so nothing that
/// follows depends on the number of threads.
pub fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    parallel_map_with(items, jobs, || (), |_, item| f(item))
}

/// [`parallel_map`] with a state per thread, made by `state` on the thread that uses it:
/// what a thread may remember between items (a memo). `f` must give the
/// same result whatever the state holds, or the output would depend on the thread count.
pub fn parallel_map_with<T: Sync, S, R: Send>(
    items: &[T],
    jobs: usize,
    state: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        let mut state = state();
        return items.iter().map(|item| f(&mut state, item)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    let mut state = state();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(&mut state, item)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
