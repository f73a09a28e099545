import { type FormEvent, useState } from "react";
import { client } from "./api.ts";

export function SignIn({ needsFirstAdmin, onSignedIn }: { needsFirstAdmin: boolean; onSignedIn: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "");
    setBusy(true);
    setError(null);
    try {
      if (needsFirstAdmin) {
        await client.session.createFirstAdmin({
          name: field("name"),
          email: field("email"),
          password: field("password"),
        });
      } else {
        await client.session.signIn({ email: field("email"), password: field("password") });
      }
      onSignedIn();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="centered">
      <form className="card sign-in" onSubmit={submit} aria-describedby={error ? "sign-in-error" : undefined}>
        <h1>{needsFirstAdmin ? "Create the first admin" : "Sign in"}</h1>
        {needsFirstAdmin && (
          <p className="muted">
            This desk has nobody who can sign in yet. You will be its admin and can invite the team.
          </p>
        )}
        {needsFirstAdmin && (
          <label>
            Name
            <input name="name" autoComplete="name" required />
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={needsFirstAdmin ? "new-password" : "current-password"}
            minLength={needsFirstAdmin ? 10 : undefined}
            required
          />
        </label>
        {needsFirstAdmin && <p className="muted small">At least 10 characters.</p>}
        {error && (
          <p id="sign-in-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {needsFirstAdmin ? "Create admin and sign in" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
