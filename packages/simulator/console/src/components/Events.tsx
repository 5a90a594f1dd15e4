/** The event log, searchable; the newest at the bottom, the last {@link SHOWN} matches shown. */
import { useDeferredValue, useState } from 'react';
import { describeEvent, paymentIdOf, searchEvents, type SimEvent, short, sourceOf } from '../model';

const SHOWN = 500;

export function Events({ events }: { events: SimEvent[] }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const matches = searchEvents(events, deferred);
  const shown = matches.slice(-SHOWN);
  return (
    <div className="events">
      <label className="search">
        Search events
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="type, text or payment id"
          data-testid="event-search"
        />
      </label>
      <p className="muted" aria-live="polite">
        {matches.length} of {events.length} events{matches.length > SHOWN ? `, the last ${SHOWN} shown` : ''}
      </p>
      <div className="scroll">
        <table className="table" data-testid="events">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">Time</th>
              <th scope="col">Source</th>
              <th scope="col">Event</th>
              <th scope="col">Payment</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((event) => {
              const paymentId = paymentIdOf(event);
              return (
                <tr key={event.seq} data-testid="event-row" data-type={event.type}>
                  <td className="num">{event.seq}</td>
                  <td className="mono">{new Date(event.at).toISOString().slice(11, 23)}</td>
                  <td>{sourceOf(event)}</td>
                  <td>{describeEvent(event)}</td>
                  <td className="mono" title={paymentId}>
                    {paymentId ? short(paymentId, 10) : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
