//! Load-time work split over a few threads: the knowledge's texts are read in consecutive
//! shares, one per thread, and the results come back in share order.

/// Most threads used to read the knowledge at load.
const READERS: usize = 4;

/// Runs `work` over consecutive shares of `items`, one per thread (up to [`READERS`] and the
/// machine's parallelism), and returns the results in the order of the shares. A panic in
/// a share is raised again here.
pub(crate) fn in_shares<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, READERS);
    let size = items.len().div_ceil(threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let shares: Vec<_> = items
            .chunks(size)
            .map(|share| scope.spawn(move || work(share)))
            .collect();
        shares
            .into_iter()
            .map(|s| s.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_share_order_and_cover_every_item() {
        let items: Vec<u32> = (0..1001).collect();
        let sums = in_shares(&items, |share| share.to_vec());
        assert_eq!(sums.concat(), items);
        assert!(in_shares(&[] as &[u32], |s| s.len())
            .iter()
            .all(|&n| n == 0));
    }
}
