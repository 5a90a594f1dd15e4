// The same page without pi-kit: the baseline the app's bytes are measured against.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [user, setUser] = useState<string | null>(null);
  const [phase, setPhase] = useState('idle');
  const [error, setError] = useState<string | null>(null);
  if (!user) {
    return (
      <button type="button" onClick={() => setUser('pioneer')}>
        Sign in with Pi
      </button>
    );
  }
  return (
    <main>
      <p>Signed in as {user}</p>
      <button type="button" disabled={phase !== 'idle'} onClick={() => (phase === 'idle' ? setPhase('creating') : setError('busy'))}>
        Buy for 3.14 π
      </button>
      <output>{phase}</output>
      {error && <p role="alert">{error}</p>}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
