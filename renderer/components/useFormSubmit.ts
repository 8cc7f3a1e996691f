import { useState } from 'react';
import { errorMessage } from '../session';

/** Submit state of a one-form dialog or drawer: busy while saving, the server's message on failure, close on success. */
export function useFormSubmit<V>(onSubmit: (values: V) => Promise<void>, onClose: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: V): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return { error, busy, submit };
}
