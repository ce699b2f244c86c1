import { useState } from "react";

/**
 * Copies a secret to the clipboard. The Clipboard API needs a secure context (https or loopback); where
 * it is missing, the button says so and the value stays selectable on the page.
 */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <button type="button" className="button" onClick={() => void copy()}>
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select and copy" : label}
    </button>
  );
}
