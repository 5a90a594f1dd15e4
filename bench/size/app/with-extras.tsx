// The same app, also showing a rewarded ad, the share dialog and the native features: what those
// cost once imported (the app that signs in and pays does not import them).
import { PiProvider, useAd, useNativeFeatures, useShareDialog } from '@pi-kit/react';
import { createRoot } from 'react-dom/client';
import { PayPage } from './pay-page';

function Extras() {
  const ad = useAd('rewarded');
  const { share, canShare } = useShareDialog();
  const { has } = useNativeFeatures();
  return (
    <aside>
      {has('ad_network') && (
        <button type="button" disabled={!ad.ready || ad.isShowing} onClick={() => ad.show().catch(() => {})}>
          Watch an ad
        </button>
      )}
      <button type="button" disabled={!canShare} onClick={() => share('Kittens', 'Look at this kitten').catch(() => {})}>
        Share
      </button>
    </aside>
  );
}

createRoot(document.getElementById('root')!).render(
  <PiProvider options={{ sandbox: false }}>
    <PayPage />
    <Extras />
  </PiProvider>,
);
