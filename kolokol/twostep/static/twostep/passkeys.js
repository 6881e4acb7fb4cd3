// Once a passkey is added, show it in the list (and, for a first method, the
// way on): the page as the server now has it.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
