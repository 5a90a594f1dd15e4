import type { ReactNode } from 'react';

export const metadata = { title: 'pi-kit · Next.js example', description: 'Pi payments in a Next.js App Router app with pi-kit.' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 640, margin: '2rem auto', padding: '0 1rem' }}>{children}</body>
    </html>
  );
}
