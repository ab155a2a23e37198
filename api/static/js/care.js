// 关怀模式: larger text, stronger contrast, bigger controls, simpler layout; remembered.
const KEY = "govsearch.care";

export function setupCareMode(button) {
  const show = () => {
    const on = document.documentElement.classList.contains("care");
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? "标准模式" : "关怀模式";
  };
  button.addEventListener("click", () => {
    const on = document.documentElement.classList.toggle("care");
    try { localStorage.setItem(KEY, on ? "on" : "off"); } catch (error) { /* private mode: for this visit only */ }
    show();
  });
  show();
}
