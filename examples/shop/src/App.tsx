import { PiProvider } from '@pi-kit/react';
import { PI_SANDBOX, PI_SDK_URL } from './config';
import { Header } from './components/Header';
import { Orders } from './components/Orders';
import { PaymentPanel } from './components/PaymentPanel';
import { Products } from './components/Products';
import { RecoveryBanner } from './components/RecoveryBanner';

/** The example shop: sign in with Pi, buy a product in π, watch the payment's phases, see your orders. */
export function App() {
  return (
    <PiProvider options={{ sdkUrl: PI_SDK_URL, sandbox: PI_SANDBOX }}>
      <main>
        <Header />
        <RecoveryBanner />
        <Products />
        <PaymentPanel />
        <Orders />
      </main>
    </PiProvider>
  );
}
