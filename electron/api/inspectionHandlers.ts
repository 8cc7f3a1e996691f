import { twoPhase, type Handlers } from './context';
import { addEvidence, prepareEvidence } from '../services/inspections/evidence';
import { calendarInfo, dashboard, getRuleSettings, importCalendar, setRuleSettings } from '../services/inspections/dashboard';
import { get, list } from '../services/inspections/read';
import { step } from '../services/inspections/steps';
import { check, create, merge, override, update } from '../services/inspections/store';
import { preview } from '../services/inspections/evidence';
import type { inspectionRoutes } from '../../shared/api/inspections';

type InspectionRouteName = keyof typeof inspectionRoutes;

/** The inspection lifecycle's handlers, spread into the one handler table. */
export const inspectionHandlers: Pick<Handlers, InspectionRouteName> = {
  'inspections.list': (i, ctx) => list(ctx, i),
  'inspections.get': (i, ctx) => get(ctx, i.id),
  'inspections.check': (i, ctx) => check(ctx, i),
  'inspections.create': (i, ctx) => create(ctx, i),
  'inspections.update': (i, ctx) => update(ctx, i),
  'inspections.step': (i, ctx) => step(ctx, i),
  'inspections.override': (i, ctx) => override(ctx, i),
  'inspections.merge': (i, ctx) => merge(ctx, i),
  'inspections.addAttachment': twoPhase<'inspections.addAttachment', Awaited<ReturnType<typeof prepareEvidence>>>({
    prepare: (i, ctx) => prepareEvidence(ctx, i),
    run: (i, ctx, prepared) => addEvidence(ctx, i, prepared),
  }),
  'inspections.attachmentPreview': (i, ctx) => preview(ctx, i.attachmentId),
  'dashboard.get': (i, ctx) => dashboard(ctx, i.days),
  'calendar.get': (_i, ctx) => calendarInfo(ctx),
  'calendar.import': (i, ctx) => importCalendar(ctx, i.text),
  'ruleSettings.get': (_i, ctx) => getRuleSettings(ctx),
  'ruleSettings.set': (i, ctx) => setRuleSettings(ctx, i),
};
