import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { addDays } from '@shared/kernel/workdays';
import { addMonths, eligibleFrom, permitYear, registeredSince } from '@shared/permits/permit-dates';
import * as audit from '../../platform/audit/audit';
import type { Db } from '../../platform/db/client';
import { derivedUuid } from '../../platform/db/derived-id';
import * as filesRepo from '../../platform/files/files.repo';
import { render } from '../../platform/notify/notify';
import * as notifyRepo from '../../platform/notify/notify.repo';
import { systemActor } from '../../platform/http/context';
import { findResident, listLongResidents } from '../registry';
import * as repo from './permits.repo';

type Plan =
  | { kind: 'application'; status: repo.ApplicationRow['status']; acceptedDaysAgo?: number; mine?: boolean; missing?: string[]; note?: string }
  | { kind: 'permit'; status: repo.PermitRow['status']; issuedDaysAgo: number; mine?: boolean; endReason?: string };

/** What the demo street shows: applications and permits in every state, two of them the demo resident's own. */
const PLANS: Plan[] = [
  { kind: 'application', status: 'submitted' },
  { kind: 'application', status: 'submitted' },
  { kind: 'application', status: 'accepted', acceptedDaysAgo: 3 },
  { kind: 'application', status: 'accepted', acceptedDaysAgo: 18 },
  { kind: 'application', status: 'returned', mine: true, missing: ['photo'], note: '照片须为近期白底正面免冠照' },
  { kind: 'application', status: 'refused', note: '提供的就业证明与登记单位不符' },
  { kind: 'application', status: 'withdrawn' },
  { kind: 'permit', status: 'valid', issuedDaysAgo: 90 },
  { kind: 'permit', status: 'valid', issuedDaysAgo: 350, mine: true },
  { kind: 'permit', status: 'valid', issuedDaysAgo: 355 },
  { kind: 'permit', status: 'suspended', issuedDaysAgo: 400 },
  { kind: 'permit', status: 'cancelled', issuedDaysAgo: 200, endReason: 'left_city' },
  { kind: 'permit', status: 'revoked', issuedDaysAgo: 150, endReason: 'fraud' },
];

/** Small stand-ins for the photo and scans of demo applications (a QR image naming what it stands for, a one-line PDF). */
async function demoFiles(db: Db, dataDir: string, ownerId: string): Promise<string[]> {
  const dir = path.join(dataDir, 'files');
  mkdirSync(dir, { recursive: true });
  const photo = await QRCode.toBuffer('安居演示：证件照', { type: 'png', width: 240 });
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const ids: string[] = [];
  for (const [name, mime, bytes] of [['证件照.png', 'image/png', photo], ['身份证.pdf', 'application/pdf', pdf], ['劳动合同.pdf', 'application/pdf', pdf]] as const) {
    const id = derivedUuid(`demo-file:${name}`);
    const file = path.join(dir, `demo-${id}`);
    writeFileSync(file, bytes);
    await db.transaction(async (tx) => {
      if (!(await filesRepo.findFile(tx, id))) await filesRepo.insertFile(tx, { id, ownerUserId: ownerId, name, mime, sizeBytes: bytes.length, sha256: id, path: file });
    });
    ids.push(id);
  }
  return ids;
}

/**
 * Gives the demo street residence-permit work in every state: applications waiting, accepted (one overdue),
 * returned to the demo resident, refused and withdrawn; permits valid, in their endorsement window (one the demo
 * resident's own electronic permit), suspended, cancelled and revoked. Re-running adds nothing.
 */
export async function seedPermits(db: Db, options: { today: string; street: string; residentId: string; counterUserId: string; dataDir: string }): Promise<number> {
  const candidates = await listLongResidents(db, { root: options.street }, addMonths(options.today, -14), PLANS.length * 3);
  const [photo, idCard, proof] = await demoFiles(db, options.dataDir, options.residentId);
  const ctx = { actor: systemActor('demo'), ip: null, requestId: randomUUID(), now: () => new Date() };
  let added = 0;
  let next = 0;
  for (const [index, plan] of PLANS.entries()) {
    const candidate = candidates[next++];
    if (!candidate) break;
    const resident = await findResident(db, candidate.idNumber, candidate.name);
    if (!resident?.home) continue;
    const id = derivedUuid(`demo-permits:${index}`);
    await db.transaction(async (tx) => {
      if ((await repo.findApplication(tx, id, { scope: { root: '' } })) || (await repo.findPermitInForce(tx, resident.id)) || (await repo.findOpenApplicationOf(tx, resident.id))) return;
      const since = registeredSince(resident.stays, 3)!;
      const identity = { personId: resident.id, name: resident.name, idNumber: resident.idNumber, sex: resident.sex, birthDate: resident.birthDate, address: resident.home!.address, divisionCode: resident.home!.divisionCode };
      const applicant = plan.mine ? options.residentId : options.counterUserId;
      const submittedOn = plan.kind === 'permit' ? addDays(options.today, -plan.issuedDaysAgo - 10) : addDays(options.today, -(plan.kind === 'application' && plan.acceptedDaysAgo ? plan.acceptedDaysAgo + 1 : 2));
      const acceptedOn = plan.kind === 'permit' ? addDays(submittedOn, 2) : plan.status === 'accepted' ? addDays(options.today, -(plan.acceptedDaysAgo ?? 0)) : null;
      const status = plan.kind === 'permit' ? 'issued' : plan.status;
      const application = await repo.insertApplication(tx, {
        id, number: `SQ${submittedOn.slice(0, 4)}9${String(index).padStart(5, '0')}`, ...identity, channel: plan.mine ? 'portal' : 'counter', status, basis: 'employment', basisDetail: '天河区某科技有限公司',
        phone: resident.phone, registeredSince: since, eligibleFrom: eligibleFrom(since, 6), submittedOn, acceptedOn, dueOn: acceptedOn ? addDays(acceptedOn, 15) : null,
        decidedOn: status === 'refused' || status === 'issued' ? addDays(submittedOn, 5) : null, missing: plan.kind === 'application' ? (plan.missing ?? []) : [], note: plan.kind === 'application' ? (plan.note ?? null) : null,
        applicantUserId: applicant, transactionId: derivedUuid(`demo-permits-tx:${index}`),
      });
      await repo.replaceEvidence(tx, application.id, [{ kind: 'photo', fileId: photo! }, { kind: 'id_card', fileId: idCard! }, { kind: 'employment_proof', fileId: proof! }], new Date());
      await repo.insertApplicationAction(tx, { applicationId: application.id, action: 'submit', fromStatus: null, toStatus: 'submitted', transactionId: application.transactionId, actorId: applicant });
      if (status !== 'submitted') {
        await repo.insertApplicationAction(tx, { applicationId: application.id, action: status === 'issued' ? 'issue' : status === 'accepted' ? 'accept' : status === 'returned' ? 'return' : status === 'refused' ? 'refuse' : 'withdraw', fromStatus: 'submitted', toStatus: status, transactionId: derivedUuid(`demo-permits-step:${index}`), actorId: options.counterUserId, details: application.note });
      }
      if (plan.kind === 'application' && plan.mine) {
        // The demo resident's inbox holds the return notice, as the review would have sent it.
        const params = { number: application.number, items: '证件照', note: plan.note ?? '' };
        await notifyRepo.insertMessage(tx, {
          channel: 'inbox', recipient: options.residentId, userId: options.residentId, template: 'permits.application-returned', params,
          body: render('permits.application-returned', params), status: 'sent', sentAt: new Date(), dedupeKey: `demo-permits-returned:${application.id}`,
        });
      }
      if (plan.kind === 'permit') {
        const issuedOn = addDays(options.today, -plan.issuedDaysAgo);
        const year = permitYear(issuedOn, 0, 12, 1);
        const permit = await repo.insertPermit(tx, {
          number: `${identity.divisionCode.slice(0, 4)}${issuedOn.slice(0, 4)}9${String(index).padStart(7, '0')}`, ...identity, applicationId: application.id, status: plan.status,
          issuedOn, runSince: issuedOn, endorsedYears: 0, validUntil: year.validUntil, suspendedOn: plan.status === 'suspended' ? year.suspendsOn : null,
          endedOn: plan.endReason ? addDays(options.today, -10) : null, endReason: plan.endReason ?? null, verifyToken: randomBytes(18).toString('base64url'),
          holderUserId: plan.mine ? options.residentId : null,
        });
        await repo.updateApplication(tx, application, { permitId: permit.id });
        await repo.insertPermitAction(tx, { permitId: permit.id, action: 'issue', fromStatus: null, toStatus: 'valid', transactionId: derivedUuid(`demo-permit-issue:${index}`), details: application.number });
        if (plan.status !== 'valid') {
          const action = plan.status === 'suspended' ? 'suspend' : plan.status === 'cancelled' ? 'cancel' : 'revoke';
          await repo.insertPermitAction(tx, { permitId: permit.id, action, fromStatus: 'valid', toStatus: plan.status, transactionId: derivedUuid(`demo-permit-end:${index}`), details: plan.endReason ?? year.validUntil });
        }
      }
      added += 1;
    });
  }
  if (added > 0) await db.transaction((tx) => audit.record(tx, ctx, { action: 'permits.demo.seed', entityType: 'permit', divisionCode: options.street, details: { added } }));
  return added;
}
