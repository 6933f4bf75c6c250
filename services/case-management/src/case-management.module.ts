import { DynamicModule, Module } from '@nestjs/common';
import { CASE_MANAGEMENT_OPTIONS, CaseManagementOptions } from './application/case-management.tokens';
import { CaseCommands } from './application/case-commands';
import { CaseStreams } from './application/case-streams';
import { CaseText } from './application/case-text';
import { ResidentRegister } from './application/resident-presence';
import { AddNoteController } from './case/add-note/add-note.http.controller';
import { AddNoteHandler } from './case/add-note/add-note.handler';
import { AddPartyController } from './case/add-party/add-party.http.controller';
import { AddPartyHandler } from './case/add-party/add-party.handler';
import { AssignCaseController } from './case/assign-case/assign-case.http.controller';
import { AssignCaseHandler } from './case/assign-case/assign-case.handler';
import { ChangePriorityController } from './case/change-priority/change-priority.http.controller';
import { ChangePriorityHandler } from './case/change-priority/change-priority.handler';
import { CloseCaseController } from './case/close-case/close-case.http.controller';
import { CloseCaseHandler } from './case/close-case/close-case.handler';
import { EscalateCaseController } from './case/escalate-case/escalate-case.http.controller';
import { EscalateCaseHandler } from './case/escalate-case/escalate-case.handler';
import { GetCaseSlaController } from './case/get-case-sla/get-case-sla.http.controller';
import { GetCaseSlaHandler } from './case/get-case-sla/get-case-sla.handler';
import { HandOverCaseController } from './case/hand-over-case/hand-over-case.http.controller';
import { HandOverCaseHandler } from './case/hand-over-case/hand-over-case.handler';
import { InformationRequestController } from './case/information-request/information-request.http.controller';
import { InformationRequestHandler } from './case/information-request/information-request.handler';
import { MediationAgreementController } from './case/mediation-agreement/mediation-agreement.http.controller';
import { MediationAgreementHandler } from './case/mediation-agreement/mediation-agreement.handler';
import { MediationSessionController } from './case/mediation-session/mediation-session.http.controller';
import { MediationSessionHandler } from './case/mediation-session/mediation-session.handler';
import { OpenCaseController } from './case/open-case/open-case.http.controller';
import { OpenCaseHandler } from './case/open-case/open-case.handler';
import { RecordFeedbackController } from './case/record-feedback/record-feedback.http.controller';
import { RecordFeedbackHandler } from './case/record-feedback/record-feedback.handler';
import { ReferralController } from './case/referral/referral.http.controller';
import { ReferralHandler } from './case/referral/referral.handler';
import { ReopenCaseController } from './case/reopen-case/reopen-case.http.controller';
import { ReopenCaseHandler } from './case/reopen-case/reopen-case.handler';
import { ResolveCaseController } from './case/resolve-case/resolve-case.http.controller';
import { ResolveCaseHandler } from './case/resolve-case/resolve-case.handler';
import { UpdateConsentController } from './case/update-consent/update-consent.http.controller';
import { UpdateConsentHandler } from './case/update-consent/update-consent.handler';
import { RegistryReactions } from './reactions/registry-reactions';
import { SlaSweep } from './sla/sla-sweep';
import { GetSlaPolicyController } from './sla-policy/get-sla-policy/get-sla-policy.http.controller';
import { GetSlaPolicyHandler } from './sla-policy/get-sla-policy/get-sla-policy.handler';
import { SetSlaPolicyController } from './sla-policy/set-sla-policy/set-sla-policy.http.controller';
import { SetSlaPolicyHandler } from './sla-policy/set-sla-policy/set-sla-policy.handler';

const handlers = [
  OpenCaseHandler,
  AssignCaseHandler,
  ChangePriorityHandler,
  UpdateConsentHandler,
  AddNoteHandler,
  InformationRequestHandler,
  ReferralHandler,
  EscalateCaseHandler,
  ResolveCaseHandler,
  RecordFeedbackHandler,
  CloseCaseHandler,
  ReopenCaseHandler,
  AddPartyHandler,
  MediationSessionHandler,
  MediationAgreementHandler,
  HandOverCaseHandler,
  GetCaseSlaHandler,
  SetSlaPolicyHandler,
  GetSlaPolicyHandler,
];

/**
 * Case management: the council's four working groups' cases, mediation of disputes, referrals, the SLA clock and its
 * sweep, and the reactions to the registry. It expects its host to provide, globally, the tokens of
 * `application/case-management.tokens.ts` (event store, message bus, document store, field cipher, key store) and
 * tenancy's ORG_DIRECTORY with the auth guard.
 */
@Module({})
export class CaseManagementModule {
  static forRoot(options: CaseManagementOptions = {}): DynamicModule {
    return {
      module: CaseManagementModule,
      controllers: [
        OpenCaseController,
        AssignCaseController,
        ChangePriorityController,
        UpdateConsentController,
        AddNoteController,
        InformationRequestController,
        ReferralController,
        EscalateCaseController,
        ResolveCaseController,
        RecordFeedbackController,
        CloseCaseController,
        ReopenCaseController,
        AddPartyController,
        MediationSessionController,
        MediationAgreementController,
        HandOverCaseController,
        GetCaseSlaController,
        SetSlaPolicyController,
        GetSlaPolicyController,
      ],
      providers: [
        { provide: CASE_MANAGEMENT_OPTIONS, useValue: options },
        CaseStreams,
        CaseCommands,
        CaseText,
        ResidentRegister,
        RegistryReactions,
        SlaSweep,
        ...handlers,
      ],
      exports: [CaseStreams, SlaSweep, RegistryReactions],
    };
  }
}
