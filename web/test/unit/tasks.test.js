import { test } from 'node:test';
import assert from 'node:assert/strict';
import { taskStatusLabel, dayText, taskDueText, checkTaskForm, sortTasks, tasksByContact, countsText } from '../../src/common/tasks.js';

test('a task says where it stands and when it is due, the same day in every zone', () => {
  assert.equal(taskStatusLabel('overdue'), 'Overdue');
  assert.equal(taskStatusLabel('done'), 'Done');
  assert.equal(taskStatusLabel('anything else'), 'Open');
  assert.equal(dayText('2027-01-15', 'en-US'), 'Jan 15, 2027');
  assert.equal(dayText('not a day', 'en-US'), '');
  assert.equal(taskDueText({ status: 'open', dueOn: '2027-01-15' }, 'en-US'), 'Due Jan 15, 2027');
  assert.equal(taskDueText({ status: 'overdue', dueOn: '2027-01-15' }, 'en-US'), 'Was due Jan 15, 2027');
  assert.match(taskDueText({ status: 'done', doneAt: '2027-01-14T12:00:00.000000Z' }, 'en-US'), /^Done Jan 14, 2027$/);
  assert.equal(taskDueText({ status: 'done', doneAt: null }, 'en-US'), 'Done');
});

test('the task form needs a contact, a title and a day, and sends blanks as null', () => {
  const ok = checkTaskForm({ contactId: 'c1', title: ' Sign ', description: ' ', dueOn: '2027-01-15', documentWanted: ' Signed letter ' });
  assert.deepEqual(ok.body, { contactId: 'c1', title: 'Sign', description: null, dueOn: '2027-01-15', documentWanted: 'Signed letter' });
  const bad = checkTaskForm({ contactId: '', title: ' ', description: '', dueOn: '', documentWanted: '' });
  assert.equal(bad.body, null);
  assert.deepEqual(Object.keys(bad.errors).sort(), ['contactId', 'dueOn', 'title']);
  assert.match(checkTaskForm({ contactId: 'c', title: 'x'.repeat(201), dueOn: '2027-01-15' }).errors.title, /200/);
});

test('tasks go overdue first, then open by day, then done newest first; grouped per contact with counts', () => {
  const tasks = [
    { taskId: 'd1', contactId: 'b', contactName: 'Bob', title: 'old', status: 'done', dueOn: '2027-01-01', doneAt: '2027-01-02' },
    { taskId: 'o2', contactId: 'a', contactName: 'Ann', title: 'later', status: 'open', dueOn: '2027-03-01' },
    { taskId: 'd2', contactId: 'b', contactName: 'Bob', title: 'new', status: 'done', dueOn: '2027-01-01', doneAt: '2027-01-09' },
    { taskId: 'o1', contactId: 'a', contactName: 'Ann', title: 'sooner', status: 'open', dueOn: '2027-02-01' },
    { taskId: 'x1', contactId: 'b', contactName: 'Bob', title: 'late', status: 'overdue', dueOn: '2026-12-01' },
  ];
  assert.deepEqual(sortTasks(tasks).map((t) => t.taskId), ['x1', 'o1', 'o2', 'd2', 'd1']);
  const groups = tasksByContact(tasks);
  assert.deepEqual(groups.map((g) => g.contactName), ['Ann', 'Bob']);
  assert.deepEqual(groups[1].tasks.map((t) => t.taskId), ['x1', 'd2', 'd1']);
  assert.equal(countsText(groups[1].counts), '1 overdue · 2 done');
  assert.equal(countsText(groups[0].counts), '2 open');
  assert.equal(countsText({ open: 0, overdue: 0, done: 0 }), 'No tasks');
});
