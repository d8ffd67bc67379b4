package org.minzhengflow.benchmark;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.minzhengflow.dibao.DibaoApplicationRequest;
import org.minzhengflow.identification.TestIds;

/**
 * Valid, never repeated ID numbers and 低保 households for the whole benchmark run: every member is a new
 * person, so no application is refused because a member already has an open case or a benefit. (Rows
 * copied in bulk get region 230199 from SQL, see {@link RowCopier}, so the two never meet.)
 */
final class Ids {

  private static final AtomicInteger SEQ = new AtomicInteger();

  private Ids() {}

  static String person(LocalDate base, boolean male) {
    int k = SEQ.getAndIncrement();
    return TestIds.idNumber("230110", base.plusDays(k / 500), (k % 500) * 2 + (male ? 1 : 0), male);
  }

  /** Three people, 500 yuan a month together: a 低保 household on the 732 yuan standard, as DibaoScenario.poorFamily. */
  static DibaoApplicationRequest poorFamily(String street) {
    List<DibaoApplicationRequest.Member> members = List.of(
        member("张三", person(LocalDate.of(1975, 1, 1), true), "SELF", 300),
        member("李四", person(LocalDate.of(1978, 1, 1), false), "SPOUSE", 200),
        member("张小", person(LocalDate.of(2012, 1, 1), true), "CHILD", 0));
    return new DibaoApplicationRequest(street, "URBAN", members.get(0).idNumber(), "13800000000", members,
        new DibaoApplicationRequest.Assets(BigDecimal.valueOf(1000), 0, 1, 0, false));
  }

  private static DibaoApplicationRequest.Member member(String name, String id, String relation, int income) {
    return new DibaoApplicationRequest.Member(name, id, relation, BigDecimal.valueOf(income), "FULL", null, false);
  }
}
