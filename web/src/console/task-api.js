// The staff routes of a matter's tasks, over the staff request core (staff-api.js spreads
// them into its client). No DOM; tested through test/unit/staff-console.test.js.

import { matterPath } from './staff-query.js';

/** @param {(method: string, path: string, options?: any) => Promise<any>} request */
export function taskRoutes(request) {
  return {
    /** GET /matters/{m}/tasks: every task with its status on the firm's day. */
    async listTasks(matterId, { signal } = {}) {
      const body = await request('GET', `${matterPath(matterId)}/tasks`, { signal });
      return Array.isArray(body?.items) ? body.items : [];
    },
    /** DELETE /matters/{m}/tasks/{t}: a task given by mistake taken back. */
    withdrawTask(matterId, taskId) {
      return request('DELETE', `${matterPath(matterId)}/tasks/${encodeURIComponent(taskId)}`);
    },
    /** POST /matters/{m}/tasks: a task for one contact, told in their next digest. */
    giveTask(matterId, task) {
      return request('POST', `${matterPath(matterId)}/tasks`, { body: task });
    },
  };
}
