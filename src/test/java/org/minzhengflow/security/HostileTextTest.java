package org.minzhengflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.minzhengflow.api.FieldProblem;
import org.minzhengflow.organization.StaffUser;

class HostileTextTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ordinaryChineseTextWithLineBreaksAndEmojiIsFine() {
    assertThat(HostileText.problem("住房简陋,\n家中无贵重物品 👍", true)).isNull();
  }

  @Test
  void controlCharactersLoneSurrogatesAndDirectionOverridesAreRefused() {
    assertThat(HostileText.problem("甲\u0000乙", false)).contains("控制字符");
    assertThat(HostileText.problem("甲\uD800乙", false)).contains("代理项");
    assertThat(HostileText.problem("\uDC00", false)).contains("代理项");
    assertThat(HostileText.problem("甲\u202E乙", false)).contains("方向");
  }

  @Test
  void expressionsOnlyWhereAsked() {
    assertThat(HostileText.problem("${7*7}", true)).contains("表达式");
    assertThat(HostileText.problem("#{x}", true)).contains("表达式");
    assertThat(HostileText.problem("${7*7}", false)).isNull();
  }

  @Test
  void problemsAreNamedByTheirJsonPathAndNamesAreNotEchoed() throws Exception {
    var problems = HostileText.problems(JSON.readTree(
        "{\"members\":[{\"name\":\"刘一\"},{\"name\":\"\\u0000\"}],\"${x}\":1,\"note\":\"" + "长".repeat(10_001) + "\"}"),
        HostileText.Limits.APPLICATION_API);
    assertThat(problems).extracting(FieldProblem::field).containsExactly("members[1].name", "body", "note");
    assertThat(problems).extracting(FieldProblem::message).noneMatch(m -> m.contains("${x}"));
  }

  @Test
  void depthAndArraySizeHaveLimits() throws Exception {
    String deep = "[".repeat(40) + "]".repeat(40);
    assertThat(HostileText.problems(JSON.readTree(deep), HostileText.Limits.APPLICATION_API))
        .extracting(FieldProblem::message).singleElement().asString().contains("嵌套");
    assertThat(HostileText.problems(JSON.readTree(deep), HostileText.Limits.ENGINE_DATA)).isEmpty();
  }

  @Test
  void engineDetailLosesSqlAndJavaInternals() {
    assertThat(EngineRestErrorFormat.detail("Cannot convert value \"x\" to java type java.util.Date"))
        .isEqualTo("Cannot convert value \"x\" to java type Date");
    assertThat(EngineRestErrorFormat.detail("ERROR: syntax error at or near SELECT")).isNull();
    assertThat(EngineRestErrorFormat.detail("ENGINE-03051 There was an exception while invoking the TaskListener")).isNull();
  }

  @Test
  void objectVariablesOnlyOfHarmlessTypes() {
    assertThat(ExpressionQueryGuard.allowedObjectType("java.util.ArrayList<org.minzhengflow.dibao.Member>")).isTrue();
    assertThat(ExpressionQueryGuard.allowedObjectType("java.lang.ProcessBuilder")).isFalse();
    assertThat(ExpressionQueryGuard.allowedObjectType("java.util.HashMap<java.lang.String,javax.script.ScriptEngine>")).isFalse();
    assertThat(ExpressionQueryGuard.allowedObjectType("")).isFalse();
  }

  @Test
  void messagesRepeatOnlyWhatLooksLikeAUserId() {
    assertThat(StaffUser.shown("xf1-worker2")).isEqualTo("“xf1-worker2”");
    assertThat(StaffUser.shown("230110196606167615")).isEqualTo("(格式无效)");
    assertThat(StaffUser.shown("' OR '1'='1")).isEqualTo("(格式无效)");
  }
}
