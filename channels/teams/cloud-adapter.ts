import { CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';

/**
 * botbuilder's CloudAdapter, split in two steps so authentication comes first: `authenticate` checks the
 * request's token and turns every failure into null (botbuilder's own `process` answers a bad signature
 * under a known key id with 500); `run` then runs the turn as an authenticated request.
 */
export class AuthenticatingAdapter extends CloudAdapter {
  async authenticate(activity: Activity, authorization: string): Promise<AuthenticateRequestResult | null> {
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch {
      return null;
    }
  }

  /** Runs the turn; an invoke's answer (status and body) for the HTTP response, else 200. */
  async run(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<{ status: number; body?: unknown }> {
    const response = await this.processActivity(auth, activity, logic);
    return response ? { status: response.status, body: response.body } : { status: 200 };
  }
}
