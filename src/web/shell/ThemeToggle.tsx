import { useTheme } from "../lib/theme.ts";

export function ThemeToggle() {
  const { theme, toggle } = useTheme();
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="button button-ghost"
      onClick={toggle}
      aria-label={`Switch to ${next} theme`}
    >
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
      <span className="hide-narrow">{theme === "dark" ? "Light" : "Dark"}</span>
    </button>
  );
}
