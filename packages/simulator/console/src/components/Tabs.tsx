/** Tabs as the WAI-ARIA pattern has them: one tab stop, arrow keys, Home and End move between tabs. */
import type { KeyboardEvent } from 'react';

export function Tabs<Id extends string>(props: {
  label: string;
  value: Id;
  onChange: (id: Id) => void;
  tabs: Array<{ id: Id; label: string }>;
}) {
  const { tabs, value, onChange } = props;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === value);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    const id = tabs[next]?.id;
    if (id === undefined) return;
    onChange(id);
    document.getElementById(`tab-${id}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={t.id === value}
          aria-controls={`panel-${t.id}`}
          tabIndex={t.id === value ? 0 : -1}
          data-testid={`tab-${t.id}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
