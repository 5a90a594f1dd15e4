/** A labelled `<select>` over `[value, label]` options: the console's one way to choose. */
export function Select<Value extends string>(props: {
  label: string;
  value: Value;
  onChange: (value: Value) => void;
  options: ReadonlyArray<readonly [Value, string]>;
  testId: string;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as Value)} data-testid={props.testId}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
