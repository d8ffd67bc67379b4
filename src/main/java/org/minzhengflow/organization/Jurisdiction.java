package org.minzhengflow.organization;

/** A city, district (区/县) or street (街道/乡镇) with its administrative code. */
public record Jurisdiction(String code, String name, Level level, String parentCode, boolean pilotOneLevel) {

  public enum Level { CITY, DISTRICT, STREET }

  public boolean isStreet() {
    return level == Level.STREET;
  }
}
