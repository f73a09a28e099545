import { useEffect, useRef } from "react";

const shortcuts: [string, string][] = [
  ["j / k", "next / previous ticket"],
  ["Enter", "open the selected ticket"],
  ["x", "select the ticket for a bulk action"],
  ["/", "search"],
  ["r", "reply (in a ticket)"],
  ["n", "internal note (in a ticket)"],
  ["e", "escalate (in a ticket)"],
  ["m", "apply a macro (in a ticket)"],
  ["f", "schedule a follow-up (in a ticket)"],
  ["M", "merge into another ticket (in a ticket; Shift+m)"],
  ["s", "solve (in a ticket)"],
  ["?", "show or hide this list"],
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
      <div className="dialog">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {shortcuts.map(([keys, does]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{does}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={closeButton} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
