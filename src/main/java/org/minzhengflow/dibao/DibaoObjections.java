package org.minzhengflow.dibao;

import org.minzhengflow.casework.PublicNoticeObjections;
import org.minzhengflow.organization.JurisdictionAccess;
import org.minzhengflow.organization.StaffUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Objections to a 低保 public notice, raised by the staff of the case's jurisdiction. */
@Service
public class DibaoObjections {

  private final DibaoCases cases;
  private final JurisdictionAccess access;
  private final PublicNoticeObjections objections;

  public DibaoObjections(DibaoCases cases, JurisdictionAccess access, PublicNoticeObjections objections) {
    this.cases = cases;
    this.access = access;
    this.objections = objections;
  }

  @Transactional
  public void raise(String applicationNo, String objection, StaffUser user) {
    objections.raise(applicationNo, objection, cases.find(applicationNo).map(c ->
        new PublicNoticeObjections.CaseState(access.canSeeStreetCase(user, c.streetCode()), c.status())));
  }
}
