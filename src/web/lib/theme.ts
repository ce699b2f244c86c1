import { useCallback, useSyncExternalStore } from "react";

export type Theme = "light" | "dark";

const storageKey = "opsdeck.theme";
const darkQuery = "(prefers-color-scheme: dark)";

/** An explicit choice, or null to follow the operating system (the CSS does that without JavaScript). */
function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(storageKey);
    return value === "light" || value === "dark" ? value : null;
  } catch {
    // Storage can be disabled (privacy settings); the theme then simply follows the system.
    return null;
  }
}

/** Puts the stored choice on <html>; called before the first render so the page never flashes. */
export function applyStoredTheme(): void {
  const theme = storedTheme();
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

function effectiveTheme(): Theme {
  return storedTheme() ?? (window.matchMedia(darkQuery).matches ? "dark" : "light");
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const media = window.matchMedia(darkQuery);
  media.addEventListener("change", listener);
  // Another tab changing the theme updates this one too.
  const onStorage = () => {
    applyStoredTheme();
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    media.removeEventListener("change", listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The theme in effect and a toggle that remembers the user's choice. */
export function useTheme(): { theme: Theme; toggle: () => void } {
  const theme = useSyncExternalStore(subscribe, effectiveTheme);
  const toggle = useCallback(() => {
    const next: Theme = effectiveTheme() === "dark" ? "light" : "dark";
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered, but still applied for this page.
    }
    document.documentElement.dataset.theme = next;
    for (const listener of listeners) listener();
  }, []);
  return { theme, toggle };
}
