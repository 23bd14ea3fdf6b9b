// A labelled select for a GET filter form: "any" (an empty value, no filter) first, then the given options.

export function Choice(props: { name: string; title: string; value: string | null | undefined; options: readonly (readonly [string, string])[] }) {
  return (
    <label class="f">
      {props.title}
      <select name={props.name}>
        <option value="">any</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={value === props.value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
