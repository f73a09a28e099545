/** Says whether the screen follows the desk as it changes, or catches up every few seconds. */
export function LiveBadge({ live }: { live: boolean }) {
  return (
    <span
      className={live ? "live-badge live" : "live-badge"}
      title={live ? "Changes appear as they happen" : "The live connection is down: refreshing every 5 seconds"}
    >
      {live ? "Live" : "Refreshing every 5 s"}
    </span>
  );
}
