"use client";

import { useState } from "react";
import { SecretField } from "@/components/apis/secret-field";
import { Button, ConfirmDialog } from "@/components/ui";
import { rotateCallbackSecretAction } from "../actions";

/** The consumer's webhook signing secret: hidden until asked for, copyable, and rotatable. */
export function CallbackSecret({ consumerId, secret }: { consumerId: string; secret: string }) {
  const [isShown, setShown] = useState(false);
  const [current, setCurrent] = useState(secret);
  return (
    <div className="space-y-3">
      {isShown ? (
        <SecretField label="Callback secret" value={current} copyLabel="Copy secret" />
      ) : (
        <div className="flex items-center gap-3">
          <code className="font-mono text-sm text-slate-600">whsec_••••••••••••</code>
          <Button variant="secondary" size="sm" onClick={() => setShown(true)}>
            Show secret
          </Button>
        </div>
      )}
      <ConfirmDialog
        title="Rotate the callback secret?"
        description="Callbacks are signed with the new secret from now on; the consumer must switch to it to keep verifying them."
        confirmLabel="Rotate secret"
        trigger={(open) => (
          <Button variant="secondary" size="sm" onClick={open}>
            Rotate secret
          </Button>
        )}
        onConfirm={async () => {
          const result = await rotateCallbackSecretAction({ id: consumerId });
          if (!result.ok) return result.error;
          setCurrent(result.data.callbackSecret);
          setShown(true);
        }}
      />
    </div>
  );
}
