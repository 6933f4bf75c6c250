import { DynamicModule, Module } from '@nestjs/common';
import { AddShiftsController } from './activity/add-shifts/add-shifts.http.controller';
import { AddShiftsHandler } from './activity/add-shifts/add-shifts.handler';
import { AttendanceController } from './activity/attendance/attendance.http.controller';
import { AttendanceHandler } from './activity/attendance/attendance.handler';
import { CancelActivityController } from './activity/cancel-activity/cancel-activity.http.controller';
import { CancelActivityHandler } from './activity/cancel-activity/cancel-activity.handler';
import { GetActivityController } from './activity/get-activity/get-activity.http.controller';
import { GetActivityHandler } from './activity/get-activity/get-activity.handler';
import { ScheduleActivityController } from './activity/schedule-activity/schedule-activity.http.controller';
import { ScheduleActivityHandler } from './activity/schedule-activity/schedule-activity.handler';
import { SignUpController } from './activity/sign-up/sign-up.http.controller';
import { SignUpHandler } from './activity/sign-up/sign-up.handler';
import { GetAidFundController } from './aid-fund/get-aid-fund/get-aid-fund.http.controller';
import { GetAidFundHandler } from './aid-fund/get-aid-fund/get-aid-fund.handler';
import { PayAidController } from './aid-fund/pay-aid/pay-aid.http.controller';
import { PayAidHandler } from './aid-fund/pay-aid/pay-aid.handler';
import { ReverseAidPaymentController } from './aid-fund/reverse-aid-payment/reverse-aid-payment.http.controller';
import { ReverseAidPaymentHandler } from './aid-fund/reverse-aid-payment/reverse-aid-payment.handler';
import { PersonalData } from './application/personal-data';
import { VolunteeringStreams } from './application/volunteering-streams';
import { VOLUNTEERING_OPTIONS, VolunteeringOptions } from './application/volunteering.tokens';
import { AmendHoursController } from './hours/amend-hours/amend-hours.http.controller';
import { AmendHoursHandler } from './hours/amend-hours/amend-hours.handler';
import { GetHoursController } from './hours/get-hours/get-hours.http.controller';
import { GetHoursHandler } from './hours/get-hours/get-hours.handler';
import { HoursDisputeController } from './hours/hours-dispute/hours-dispute.http.controller';
import { HoursDisputeHandler } from './hours/hours-dispute/hours-dispute.handler';
import { LogHoursController } from './hours/log-hours/log-hours.http.controller';
import { LogHoursHandler } from './hours/log-hours/log-hours.handler';
import { ReviewHoursController } from './hours/review-hours/review-hours.http.controller';
import { ReviewHoursHandler } from './hours/review-hours/review-hours.handler';
import { ChangePairingController } from './pairing/change-pairing/change-pairing.http.controller';
import { ChangePairingHandler } from './pairing/change-pairing/change-pairing.handler';
import { GetPairingController } from './pairing/get-pairing/get-pairing.http.controller';
import { GetPairingHandler } from './pairing/get-pairing/get-pairing.handler';
import { RecordVisitController } from './pairing/record-visit/record-visit.http.controller';
import { RecordVisitHandler } from './pairing/record-visit/record-visit.handler';
import { StartPairingController } from './pairing/start-pairing/start-pairing.http.controller';
import { StartPairingHandler } from './pairing/start-pairing/start-pairing.handler';
import { ResidentErasureReaction } from './reactions/resident-erasure.reaction';
import { ServiceHoursReaction } from './reactions/service-hours.reaction';
import { SurplusToAidFundReaction } from './reactions/surplus-to-aid-fund.reaction';
import { VolunteeringReactions } from './reactions/volunteering-reactions';
import { IssueVolunteerRecordController } from './volunteer-record/issue-volunteer-record/issue-volunteer-record.http.controller';
import { IssueVolunteerRecordHandler } from './volunteer-record/issue-volunteer-record/issue-volunteer-record.handler';
import { RevokeVolunteerRecordController } from './volunteer-record/revoke-volunteer-record/revoke-volunteer-record.http.controller';
import { RevokeVolunteerRecordHandler } from './volunteer-record/revoke-volunteer-record/revoke-volunteer-record.handler';
import { VerifyVolunteerRecordController } from './volunteer-record/verify-volunteer-record/verify-volunteer-record.http.controller';
import { VerifyVolunteerRecordHandler } from './volunteer-record/verify-volunteer-record/verify-volunteer-record.handler';
import { EnrolVolunteerController } from './volunteer/enrol-volunteer/enrol-volunteer.http.controller';
import { EnrolVolunteerHandler } from './volunteer/enrol-volunteer/enrol-volunteer.handler';
import { EraseVolunteerController } from './volunteer/erase-volunteer/erase-volunteer.http.controller';
import { EraseVolunteerHandler } from './volunteer/erase-volunteer/erase-volunteer.handler';
import { GetVolunteerController } from './volunteer/get-volunteer/get-volunteer.http.controller';
import { GetVolunteerHandler } from './volunteer/get-volunteer/get-volunteer.handler';
import { UpdateVolunteerProfileController } from './volunteer/update-volunteer-profile/update-volunteer-profile.http.controller';
import { UpdateVolunteerProfileHandler } from './volunteer/update-volunteer-profile/update-volunteer-profile.handler';
import { VolunteerStandingController } from './volunteer/volunteer-standing/volunteer-standing.http.controller';
import { VolunteerStandingHandler } from './volunteer/volunteer-standing/volunteer-standing.handler';

const controllers = [
  EnrolVolunteerController,
  GetVolunteerController,
  UpdateVolunteerProfileController,
  VolunteerStandingController,
  EraseVolunteerController,
  LogHoursController,
  GetHoursController,
  AmendHoursController,
  ReviewHoursController,
  HoursDisputeController,
  ScheduleActivityController,
  GetActivityController,
  AddShiftsController,
  CancelActivityController,
  SignUpController,
  AttendanceController,
  StartPairingController,
  GetPairingController,
  RecordVisitController,
  ChangePairingController,
  GetAidFundController,
  PayAidController,
  ReverseAidPaymentController,
  IssueVolunteerRecordController,
  RevokeVolunteerRecordController,
  VerifyVolunteerRecordController,
];

const handlers = [
  EnrolVolunteerHandler,
  GetVolunteerHandler,
  UpdateVolunteerProfileHandler,
  VolunteerStandingHandler,
  EraseVolunteerHandler,
  LogHoursHandler,
  GetHoursHandler,
  AmendHoursHandler,
  ReviewHoursHandler,
  HoursDisputeHandler,
  ScheduleActivityHandler,
  GetActivityHandler,
  AddShiftsHandler,
  CancelActivityHandler,
  SignUpHandler,
  AttendanceHandler,
  StartPairingHandler,
  GetPairingHandler,
  RecordVisitHandler,
  ChangePairingHandler,
  GetAidFundHandler,
  PayAidHandler,
  ReverseAidPaymentHandler,
  IssueVolunteerRecordHandler,
  RevokeVolunteerRecordHandler,
  VerifyVolunteerRecordHandler,
];

/**
 * Volunteering: the volunteer team, activities and shifts, verified hours, pairings with vulnerable households,
 * the council's welfare aid fund and volunteer records. It expects its host to provide, globally, the tokens of
 * `application/volunteering.tokens.ts` (event store, message bus, field cipher, key store) and tenancy's
 * ORG_DIRECTORY with the auth guard.
 */
@Module({})
export class VolunteeringModule {
  static forRoot(options: VolunteeringOptions): DynamicModule {
    return {
      module: VolunteeringModule,
      controllers,
      providers: [
        { provide: VOLUNTEERING_OPTIONS, useValue: options },
        VolunteeringStreams,
        PersonalData,
        SurplusToAidFundReaction,
        ServiceHoursReaction,
        ResidentErasureReaction,
        VolunteeringReactions,
        ...handlers,
      ],
      exports: [VolunteeringStreams, VolunteeringReactions],
    };
  }
}
