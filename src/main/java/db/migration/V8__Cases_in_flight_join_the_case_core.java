package db.migration;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Cases created by the release before the case core carry on: each becomes a row of {@code app_case}
 * with its status, readers and reasons (which were newline-joined text and become one row each). Written
 * in Java because H2 and PostgreSQL share no function to split text into rows.
 *
 * <p>Their whole-case deadline is counted Monday to Friday from submission (30 working days; 60 for a
 * nursing home): the holiday calendar is application data, not available to a migration, and a case in
 * flight needs a date the status can show rather than none.
 */
public class V8__Cases_in_flight_join_the_case_core extends BaseJavaMigration {

  private record Legacy(String applicationNo, String kind, String processInstanceId, String status, String streetCode,
      String districtCode, String applicantName, String submittedBy, java.sql.Timestamp submittedAt,
      java.sql.Timestamp decidedAt, String reasons) {}

  @Override
  public void migrate(Context context) throws SQLException {
    Connection db = context.getConnection();
    List<Legacy> cases = new ArrayList<>();
    read(db, """
        select d.application_no, 'dibao', d.process_instance_id, d.status, d.street_code, s.parent_code, d.applicant_name,
               d.submitted_by, d.submitted_at, d.decided_at, d.reasons
        from dibao_application d join jurisdiction s on s.code = d.street_code""", cases);
    read(db, """
        select e.application_no, 'eldercare', e.process_instance_id, e.status, e.street_code, s.parent_code, e.elder_name,
               e.submitted_by, e.submitted_at, e.decided_at, e.reasons
        from eldercare_application e join jurisdiction s on s.code = e.street_code""", cases);
    read(db, """
        select n.application_no, 'nursing-home', n.process_instance_id, n.status, null, n.district_code, n.institution_name,
               n.submitted_by, n.submitted_at, n.decided_at, n.reasons
        from nursing_home_application n""", cases);
    String city;
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select code from jurisdiction where level = 'CITY'")) {
      city = rs.next() ? rs.getString(1) : "230100";
    }
    try (PreparedStatement insert = db.prepareStatement("""
            insert into app_case (application_no, kind, process_instance_id, status, street_code, district_code,
                                  applicant_name, submitted_by, submitted_at, case_deadline, decided_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        PreparedStatement reader = db.prepareStatement("insert into case_reader (application_no, group_id) values (?, ?)");
        PreparedStatement reason = db.prepareStatement("insert into case_reason (application_no, seq, reason) values (?, ?, ?)")) {
      for (Legacy c : cases) {
        insert.setString(1, c.applicationNo());
        insert.setString(2, c.kind());
        insert.setString(3, c.processInstanceId());
        insert.setString(4, c.status());
        insert.setString(5, c.streetCode());
        insert.setString(6, c.districtCode());
        insert.setString(7, c.applicantName());
        insert.setString(8, c.submittedBy());
        insert.setTimestamp(9, c.submittedAt());
        insert.setDate(10, Date.valueOf(weekdaysAfter(c.submittedAt().toLocalDateTime().toLocalDate(),
            "nursing-home".equals(c.kind()) ? 60 : 30)));
        insert.setTimestamp(11, c.decidedAt());
        insert.executeUpdate();
        for (String group : readers(c, city)) {
          reader.setString(1, c.applicationNo());
          reader.setString(2, group);
          reader.executeUpdate();
        }
        if (c.reasons() != null) {
          int seq = 0;
          for (String line : c.reasons().split("\n")) {
            if (!line.isBlank()) {
              reason.setString(1, c.applicationNo());
              reason.setInt(2, seq++);
              reason.setString(3, line.length() > 1000 ? line.substring(0, 1000) : line);
              reason.executeUpdate();
            }
          }
        }
      }
    }
  }

  /** The groups the intake granted read rights to, as it did before the case core. */
  private static List<String> readers(Legacy c, String city) {
    List<String> groups = new ArrayList<>();
    if (c.streetCode() != null) {
      groups.add("street-" + c.streetCode() + "-caseworker");
      groups.add("street-" + c.streetCode() + "-leader");
    }
    groups.add("district-" + c.districtCode() + "-approver");
    groups.add("city-" + city + "-approver");
    if ("eldercare".equals(c.kind())) {
      groups.add("assessment-agency");
    }
    if ("nursing-home".equals(c.kind())) {
      groups.addAll(List.of("dept-fire", "dept-market", "dept-health"));
    }
    return groups;
  }

  private static LocalDate weekdaysAfter(LocalDate from, int days) {
    LocalDate d = from;
    int left = days;
    while (left > 0) {
      d = d.plusDays(1);
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return d;
  }

  private static void read(Connection db, String sql, List<Legacy> into) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        into.add(new Legacy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9), rs.getTimestamp(10), rs.getString(11)));
      }
    }
  }
}
