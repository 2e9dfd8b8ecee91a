package io.troupe.model;

import io.troupe.InvalidInputException;
import io.troupe.api.NetworkFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/** Finds and instantiates the class model.factory names, saying exactly what is wrong when it cannot. */
final class UserFactories {
  private UserFactories() {}

  static NetworkFactory instantiate(String className) {
    Class<?> type = find(className);
    if (!NetworkFactory.class.isAssignableFrom(type)) {
      throw new InvalidInputException("model.factory: " + className + " does not implement "
          + NetworkFactory.class.getName() + " (it is a " + describe(type) + ")");
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      throw new InvalidInputException("model.factory: " + className + " is abstract; name a concrete class");
    }
    try {
      Constructor<?> constructor = type.getConstructor();
      return (NetworkFactory) constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new InvalidInputException("model.factory: " + className + " needs a public no-argument constructor");
    } catch (InvocationTargetException e) {
      throw new InvalidInputException("model.factory: the constructor of " + className + " threw "
          + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new InvalidInputException("model.factory: cannot instantiate " + className + ": " + e, e);
    }
  }

  private static Class<?> find(String className) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    try {
      // Spark's --jars are on the context class loader, not always on this class's own.
      return Class.forName(className, true, context != null ? context : UserFactories.class.getClassLoader());
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new InvalidInputException("model.factory: class " + className + " is not on the application's classpath"
          + " (add the jar that holds it with spark-submit --jars, or the launcher's --jars); " + e.getMessage());
    } catch (ExceptionInInitializerError e) {
      throw new InvalidInputException("model.factory: " + className + " failed to initialise: " + e.getCause(),
          e.getCause());
    }
  }

  private static String describe(Class<?> type) {
    StringBuilder s = new StringBuilder(type.isInterface() ? "interface" : "class");
    Class<?>[] interfaces = type.getInterfaces();
    if (interfaces.length > 0) {
      s.append(" implementing ");
      for (int i = 0; i < interfaces.length; i++) {
        s.append(i == 0 ? "" : ", ").append(interfaces[i].getName());
      }
    }
    return s.toString();
  }
}
