// "Copy link" share buttons: copy the article's address to the clipboard.
document.addEventListener("click", (event) => {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>("[data-copy-url]");
  if (!button) return;
  void navigator.clipboard?.writeText(button.dataset.copyUrl ?? "");
  button.classList.add("copied");
});
