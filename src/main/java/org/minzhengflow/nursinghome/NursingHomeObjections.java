package org.minzhengflow.nursinghome;

import org.minzhengflow.casework.PublicNoticeObjections;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Objections to a nursing-home public notice, raised by the staff of the case's district or the city. */
@Service
public class NursingHomeObjections {

  private final NursingHomeCases cases;
  private final JurisdictionAccess access;
  private final PublicNoticeObjections objections;

  public NursingHomeObjections(NursingHomeCases cases, JurisdictionAccess access, PublicNoticeObjections objections) {
    this.cases = cases;
    this.access = access;
    this.objections = objections;
  }

  @Transactional
  public void raise(String applicationNo, String objection, StaffUser user) {
    objections.raise(applicationNo, objection, cases.find(applicationNo).map(c ->
        new PublicNoticeObjections.CaseState(access.canSeeDistrictCase(user, c.districtCode()), c.status())));
  }
}
