import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  statusLabel,
  formatMoney,
  parseMoney,
  decimalText,
  checkBillForm,
  dueText,
  sortForClient,
} from '../../src/common/bills.js';

test('money is formatted from integer minor units with the currency’s own digits', () => {
  assert.equal(formatMoney(125000, 'USD', 'en-US'), '$1,250.00');
  assert.equal(formatMoney(5, 'USD', 'en-US'), '$0.05');
  assert.equal(formatMoney(1234567, 'JPY', 'en-US'), '¥1,234,567');
  assert.match(formatMoney(1500, 'KWD', 'en-US'), /^KWD\s1\.500$/);
  assert.match(formatMoney(125000, 'EUR', 'es'), /^1250,00\s€$/);
  // Past 2^53 / 100 a float would round; the decimal string does not.
  assert.equal(decimalText(900719925474099, 'USD'), '9007199254740.99');
  assert.equal(formatMoney(100, 'N0T', 'en-US'), 'N0T 1.00', 'no currency Intl knows: plain');
});

test('typed amounts become integer minor units or nothing', () => {
  assert.equal(parseMoney('1,250.50', 'USD'), 125050);
  assert.equal(parseMoney(' 1250 ', 'USD'), 125000);
  assert.equal(parseMoney('0.5', 'USD'), 50);
  assert.equal(parseMoney('12', 'JPY'), 12);
  for (const bad of ['', '-5', '1.005', '12.5', 'abc', '1e3', '1.2.3']) {
    assert.equal(parseMoney(bad, bad === '12.5' ? 'JPY' : 'USD'), null, bad);
  }
});

test('the bill form says what each field needs and builds the body in minor units', () => {
  const ok = checkBillForm({ number: ' 1042 ', issuedOn: '2027-01-01', dueOn: '2027-01-31', currency: 'usd', total: '1,250.00', balance: '' });
  assert.deepEqual(ok.body, { number: '1042', issuedOn: '2027-01-01', dueOn: '2027-01-31', currency: 'USD', totalMinor: 125000, balanceMinor: 125000 });
  const bad = checkBillForm({ number: '', issuedOn: '2027-02-01', dueOn: '2027-01-31', currency: 'dollars', total: '12.345', balance: '' });
  assert.equal(bad.body, null);
  assert.deepEqual(Object.keys(bad.errors).sort(), ['currency', 'dueOn', 'number', 'total']);
  const over = checkBillForm({ number: '1', issuedOn: '2027-01-01', dueOn: '2027-01-31', currency: 'USD', total: '10', balance: '11' });
  assert.match(over.errors.balance, /more than the total/);
});

test('statuses and due dates read as the client sees them', () => {
  assert.equal(statusLabel('pastDue'), 'Past Due');
  assert.equal(statusLabel('received'), 'Received');
  assert.equal(dueText({ dueOn: '2027-01-31', status: 'unpaid' }, 'en-US'), 'Due Jan 31, 2027');
  assert.equal(dueText({ dueOn: '2027-01-31', status: 'pastDue' }, 'en-US'), 'Was due Jan 31, 2027');
  assert.equal(dueText({ dueOn: 'nope' }, 'en-US'), '');
});

test('a client sees what they owe first, past due before unpaid, then newest sent', () => {
  const bills = [
    { billId: 'paid', status: 'paid', sentAt: '2027-01-05' },
    { billId: 'unpaid-old', status: 'unpaid', sentAt: '2027-01-01' },
    { billId: 'late', status: 'pastDue', sentAt: '2027-01-02' },
    { billId: 'unpaid-new', status: 'unpaid', sentAt: '2027-01-03' },
  ];
  assert.deepEqual(sortForClient(bills).map((b) => b.billId), ['late', 'unpaid-new', 'unpaid-old', 'paid']);
});
