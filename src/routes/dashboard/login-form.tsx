// The sign-in form: a token, or GitHub when the hub has an OAuth app.

export function LoginForm(props: { error: string | null; github?: boolean }) {
  return (
    <form class="login" method="post" action="/login">
      <h1>Sign in to taskhub</h1>
      {props.error ? <p class="overdue">{props.error}</p> : null}
      <label>
        Token
        <br />
        <input type="password" name="token" autocomplete="current-password" required style="width:100%" />
      </label>
      <p>
        <button class="primary" type="submit">
          Sign in
        </button>
      </p>
      {props.github ? (
        <p>
          or <a href="/auth/github">sign in with GitHub</a>
        </p>
      ) : null}
    </form>
  );
}
