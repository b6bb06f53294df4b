import { expect, test as setup } from "@playwright/test";
import { AUDITOR_SESSION, currentTotp, readE2eUser } from "./e2e-users.ts";

setup("the audit administrator signs in through the API", async ({ request }) => {
  const auditor = readE2eUser("e2e_auditor");
  const response = await request.post("/api/v1/auth/login", {
    data: { username: auditor.username, password: auditor.password, totp: currentTotp(auditor) },
  });
  expect(response.status()).toBe(200);
  await request.storageState({ path: AUDITOR_SESSION });
});
