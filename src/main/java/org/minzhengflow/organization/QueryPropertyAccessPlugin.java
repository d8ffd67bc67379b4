package org.minzhengflow.organization;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.springframework.stereotype.Component;

/**
 * The engine's queries build their SQL with MyBatis, which evaluates every {@code <if test="query.…">} of the mapping
 * with OGNL against the query object. For a property without a JavaBeans getter — the task query's {@code assigned},
 * {@code withCandidateGroups}, {@code withoutCandidateGroups}, {@code withCandidateUsers}, {@code withoutCandidateUsers},
 * {@code isOrQueryActive}, {@code isWithoutTenantId}: {@code Boolean}-valued {@code isX()} methods, or methods named as
 * the property — OGNL's {@code getReadMethod} scans and lower-cases the name of every public method of the class, on
 * every evaluation, without caching what it found. The task query has some 600 methods, and each Tasklist page and
 * count evaluates those properties for the query and each of its or-queries: in a profile of the Tasklist filters
 * (docs/benchmarks.md, change 32) that scan was 29 % of the JVM's time of a page, the product's and the bare engine's
 * alike.
 *
 * <p>This accessor for the engine's query parameter objects remembers, per class and property name, the read method
 * OGNL would find (its JavaBeans getter, else the same {@code getReadMethod}) and calls it; a property OGNL would read
 * from a field, or through a method that is not public, goes OGNL's own way as before. The answer of every expression is
 * the same: the same method, called on the same object.
 */
@Component
public class QueryPropertyAccessPlugin extends AbstractProcessEnginePlugin {

  /** OGNL's object accessor, with the read method of each property looked up once per class. */
  static final class CachedReadMethodAccessor extends ObjectPropertyAccessor {

    private final ClassValue<ConcurrentHashMap<String, Optional<Method>>> readMethods = new ClassValue<>() {
      @Override
      protected ConcurrentHashMap<String, Optional<Method>> computeValue(Class<?> type) {
        return new ConcurrentHashMap<>();
      }
    };

    @Override
    public Object getPossibleProperty(OgnlContext context, Object target, String name) throws OgnlException {
      Class<?> type = target.getClass();
      Optional<Method> read = readMethods.get(type).computeIfAbsent(name, property -> Optional.ofNullable(publicReadMethod(type, property)));
      if (read.isEmpty()) {
        return super.getPossibleProperty(context, target, name);
      }
      try {
        return read.get().invoke(target);
      } catch (InvocationTargetException e) {
        throw new OgnlException(name, e.getTargetException());
      } catch (IllegalAccessException e) {
        throw new OgnlException(name, e);
      }
    }

    /** The method OGNL's {@code getMethodValue} would call, when it can be called without changing its accessibility. */
    static Method publicReadMethod(Class<?> type, String property) {
      Method method = OgnlRuntime.getGetMethod(type, property);
      if (method == null) {
        method = OgnlRuntime.getReadMethod(type, property, null);
      }
      if (method == null || method.getParameterCount() != 0 || !Modifier.isPublic(method.getModifiers())
          || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
        return null;
      }
      return method;
    }
  }

  static final CachedReadMethodAccessor ACCESSOR = new CachedReadMethodAccessor();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // OGNL's accessors are global to the JVM and looked up by class and superclass: every query of the engine (and of
    // Cockpit's own MyBatis configuration) extends ListQueryParameterObject. Registered before the engine's first query.
    OgnlRuntime.setPropertyAccessor(ListQueryParameterObject.class, ACCESSOR);
  }
}
