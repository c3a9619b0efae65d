/** The address the caller used, so QR codes and links point back at this server as the caller reaches it. */
export function originOf(req: { protocol: string; host: string }): string {
  return `${req.protocol}://${req.host}`;
}
