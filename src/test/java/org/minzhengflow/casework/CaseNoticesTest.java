package org.minzhengflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** A notice is issued once per case, kind and text, however often the step that issues it runs (a job's retry). */
@SpringBootTest
@ActiveProfiles("test")
class CaseNoticesTest {

  @Autowired CaseNotices notices;
  @Autowired JdbcClient jdbc;

  @Test
  void theSameNoticeIssuedTwiceIsKeptOnceAndAnotherTextIsANewNotice() {
    String no = "TEST" + System.nanoTime() % 1_000_000_000L;
    jdbc.sql("""
        insert into app_case (application_no, kind, status, street_code, district_code, applicant_name, submitted_by,
                              submitted_at, case_deadline)
        values (?, 'dibao', 'IN_REVIEW', '230110001', '230110', '张三', 'xf1-worker1', ?, ?)""")
        .params(no, Timestamp.from(Instant.now()), java.sql.Date.valueOf(LocalDate.now().plusDays(30))).update();

    notices.issue(no, CaseNotices.Kind.PUBLIC_NOTICE, "低保公示", "张三家庭拟纳入低保,公示7天");
    notices.issue(no, CaseNotices.Kind.PUBLIC_NOTICE, "低保公示", "张三家庭拟纳入低保,公示7天");
    assertThat(notices.of(no)).extracting(CaseNotices.Notice::body).containsExactly("张三家庭拟纳入低保,公示7天");

    notices.issue(no, CaseNotices.Kind.PUBLIC_NOTICE, "低保公示", "张三家庭拟纳入低保,再次公示7天");
    assertThat(notices.of(no)).extracting(CaseNotices.Notice::body)
        .containsExactly("张三家庭拟纳入低保,公示7天", "张三家庭拟纳入低保,再次公示7天");
  }
}
