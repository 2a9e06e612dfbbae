//! Work shared over the cores: how many threads and pieces, and running
//! pieces on threads that each take the next one when done. WebAssembly
//! has one thread, so there everything runs in turn.

/// How many threads to use for work of `size` units (one unit is worth a
/// thread): at most the cores available, at most 8, at least 1.
pub(crate) fn threads(size: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    size.clamp(1, cores.min(8))
}

/// How many pieces to cut work of `size` units into: a few for each
/// thread, so that when the machine slows one thread down, the others take
/// over its share instead of waiting for it (see [`in_parallel`]).
pub(crate) fn pieces(size: usize) -> usize {
    match threads(size) {
        1 => 1,
        threads => threads * 4,
    }
}

/// Runs `f` on each input, on up to [`threads`] threads that each take the
/// next input as soon as they are done with one; the outputs stay in order,
/// one per input (not concatenated: that would copy every record once more).
pub(crate) fn in_parallel<I: Send, T: Send>(inputs: Vec<I>, f: impl Fn(I) -> T + Sync) -> Vec<T> {
    let workers = threads(inputs.len());
    // WebAssembly has one thread: saying so at compile time keeps the
    // thread code out of the .wasm (5 KB gzipped).
    if workers == 1 || cfg!(target_arch = "wasm32") {
        return inputs.into_iter().map(f).collect();
    }
    let queue = std::sync::Mutex::new(inputs.into_iter().enumerate());
    let next = || queue.lock().unwrap_or_else(|e| e.into_inner()).next();
    let work = || {
        let mut done = Vec::new();
        while let Some((i, input)) = next() {
            done.push((i, f(input)));
        }
        done
    };
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers).map(|_| scope.spawn(work)).collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("the work done in parallel does not panic"))
            .collect()
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, output)| output).collect()
}

/// `items` cut into one part per thread, each part at least `worth` items
/// (fewer items stay one part); no part when there are no items.
pub(crate) fn per_thread<T>(items: &[T], worth: usize) -> Vec<&[T]> {
    let size = items.len().div_ceil(threads(items.len() / worth.max(1)));
    items.chunks(size.max(1)).collect()
}
