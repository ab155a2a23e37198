// Before the first paint (a classic script in the head, not a module), so 关怀模式 never
// flashes small text.
try { if (localStorage.getItem("govsearch.care") === "on") document.documentElement.classList.add("care"); } catch (e) {}
