package org.minzhengflow.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minzhengflow.support.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database created by the release before the case core (migrations up to V6) with cases in flight
 * starts with this release: each case becomes a case row with its status, readers and reasons (one row a
 * line), the kinds' copies of status and reasons go, and the history, notices, people, claims and
 * benefits belong to their case by foreign key. On PostgreSQL and on the H2 of the zero-setup default.
 */
class CaseCoreMigrationIT {

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2"})
  void casesInFlightCarryOn(String database) {
    DataSource ds = "h2".equals(database)
        ? new DriverManagerDataSource("jdbc:h2:mem:migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "")
        : new DriverManagerDataSource(EmbeddedPostgres.newDatabase(), "postgres", "postgres");
    flyway(ds).target("6").load().migrate();
    JdbcClient db = JdbcClient.create(ds);
    Timestamp submitted = Timestamp.valueOf(LocalDateTime.of(2026, 11, 2, 9, 30));
    db.sql("""
        insert into dibao_application (application_no, process_instance_id, street_code, area_type, applicant_id_number,
          applicant_name, financial_assets, vehicles, houses, non_residential, business_registered, status, reasons,
          submitted_by, submitted_at)
        values ('DB2026000007', 'pi-7', '230110001', 'URBAN', '230110197004040118', '刘一', 0, 1, 3, 0, false,
          'REJECTED', ?, 'xf1-worker1', ?)""")
        .params("经核对,家庭成员名下有机动车1辆,不符合低保家庭财产条件\n经核对,家庭拥有住房3套,超过1套的限制", submitted).update();
    db.sql("insert into case_history (application_no, step, step_name, created_at) values ('DB2026000007', 'submitted', '受理申请', ?)")
        .param(submitted).update();
    db.sql("insert into case_person (application_no, id_number, name) values ('DB2026000007', '230110197004040118', '刘一')").update();
    db.sql("""
        insert into eldercare_application (application_no, process_instance_id, street_code, subsidy_type, elder_name,
          id_number, hukou_type, has_employee_pension, living_alone, lost_only_child, assistance_status, status,
          submitted_by, submitted_at)
        values ('YL2026000003', 'pi-3', '230102001', 'HIGH_AGE', '王秀兰', '230110193806100428', 'URBAN', false, false,
          false, 'NONE', 'IN_REVIEW', 'dl1-worker1', ?)""").param(submitted).update();
    db.sql("""
        insert into nursing_home_institution (credit_code, name, filing_no, district_code, operating_since, beds,
          occupied_beds, local_residents, fire_safety_approved, site_rented, first_filed_at, updated_at)
        values ('52230110MA18X3P2KN', '夕阳红养老中心', '黑哈香民养备2023018号', '230110', date '2023-06-01', 120, 80, 70,
          true, false, ?, ?)""").params(submitted, submitted).update();
    db.sql("""
        insert into nursing_home_application (application_no, process_instance_id, credit_code, district_code, policy,
          green_channel, institution_name, filing_no, operating_since, beds, new_beds, occupied_beds, local_residents,
          residents_intact, residents_mild, residents_moderate, residents_severe, residents_complete,
          fire_safety_approved, site_rented, renovation, status, submitted_by, submitted_at)
        values ('NH2026000001', 'pi-1', '52230110MA18X3P2KN', '230110', 'OPERATING_SUBSIDY', false, '夕阳红养老中心',
          '黑哈香民养备2023018号', date '2023-06-01', 120, 0, 80, 70, 30, 20, 15, 10, 5, true, false, false,
          'PUBLIC_NOTICE', 'xf-approver', ?)""").param(submitted).update();

    flyway(ds).load().migrate();

    List<Map<String, Object>> cases = db.sql(
        "select application_no, kind, status, street_code, district_code, applicant_name, process_instance_id, case_deadline"
            + " from app_case order by application_no").query().listOfRows();
    assertThat(cases).extracting(r -> r.get("application_no") + "/" + r.get("kind") + "/" + r.get("status") + "/"
            + r.get("district_code") + "/" + r.get("process_instance_id"))
        .containsExactly("DB2026000007/dibao/REJECTED/230110/pi-7", "NH2026000001/nursing-home/PUBLIC_NOTICE/230110/pi-1",
            "YL2026000003/eldercare/IN_REVIEW/230102/pi-3");
    // 30 working days (Mon–Fri) after Monday 2 November 2026
    assertThat(cases.get(0).get("case_deadline").toString()).isEqualTo("2026-12-14");
    assertThat(db.sql("select reason from case_reason where application_no = 'DB2026000007' order by seq")
        .query(String.class).list())
        .containsExactly("经核对,家庭成员名下有机动车1辆,不符合低保家庭财产条件", "经核对,家庭拥有住房3套,超过1套的限制");
    assertThat(db.sql("select group_id from case_reader where application_no = 'DB2026000007' order by group_id")
        .query(String.class).list())
        .containsExactly("city-230100-approver", "district-230110-approver", "street-230110001-caseworker",
            "street-230110001-leader");
    assertThat(db.sql("select group_id from case_reader where application_no = 'NH2026000001' order by group_id")
        .query(String.class).list())
        .containsExactly("city-230100-approver", "dept-fire", "dept-health", "dept-market", "district-230110-approver");
    assertThat(db.sql("select group_id from case_reader where application_no = 'YL2026000003' order by group_id")
        .query(String.class).list()).contains("assessment-agency", "street-230102001-caseworker");

    // the kinds' own status copies are gone; what belongs to a case needs its case
    assertThatThrownBy(() -> db.sql("select status from dibao_application").query().listOfRows()).isNotNull();
    assertThatThrownBy(() -> db.sql("insert into case_history (application_no, step, step_name, created_at)"
        + " values ('DB1999000001', 'x', 'x', ?)").param(submitted).update()).isNotNull();
    assertThatThrownBy(() -> db.sql("update app_case set status = 'DONE' where application_no = 'DB2026000007'").update())
        .isNotNull();
    assertThatThrownBy(() -> db.sql("insert into benefit_claim (id_number, benefit, application_no)"
        + " values ('230110197004040118', 'FREE_MONEY', 'DB2026000007')").update()).isNotNull();
    db.sql("insert into benefit_claim (id_number, benefit, application_no) values ('230110197004040118', 'DIBAO', 'DB2026000007')")
        .update();
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource ds) {
    return Flyway.configure().dataSource(ds).locations("classpath:db/migration").table("app_schema_history")
        .baselineOnMigrate(true).baselineVersion("0");
  }
}
