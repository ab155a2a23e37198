// Moving between the portal's addresses without reloading the page. The drawing itself is
// app.js's; views call navigate() after a form is sent.
let drawAddress = async () => {};

export function onAddressChange(draw) {
  drawAddress = draw;
}

export function navigate(address, { replace = false } = {}) {
  const url = new URL(address, location.origin);
  if (url.href !== location.href) history[replace ? "replaceState" : "pushState"](null, "", url);
  return drawAddress({ focus: true });
}
