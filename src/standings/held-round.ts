/**
 * SQL for "the round `r` keeps its points off the boards": its answers stay secret until it
 * closes, and a score that moved would tell. Attempts keep their true score all along; the
 * points join the standings when the closed round is settled (settleHeldRound), not before.
 */
export const HELD_ROUND = "(r.reveal_answers = 'after_close' AND r.scores_settled_at IS NULL)";
