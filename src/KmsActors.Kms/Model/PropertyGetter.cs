using System.Linq.Expressions;
using System.Collections.Frozen;
using System.Reflection;

namespace KmsActors.Kms.Model;

/// <summary>A compiled (object) → member value reader: the audit snapshot and the region's key-ID routing read record
/// members of any request type on every call, and PropertyInfo.GetValue costs several times more. Enum members (the
/// model's algorithm and spec fields) come back as shared boxes, not a new box per read.</summary>
internal static class PropertyGetter
{
    public static Func<object, object?> Compile(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object), "instance");
        Expression value = Expression.Property(Expression.Convert(instance, property.DeclaringType!), property);
        var type = property.PropertyType;
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        if (enumType.IsEnum && Enum.GetUnderlyingType(enumType) == typeof(int))
        {
            var boxes = typeof(Boxes<>).MakeGenericType(enumType);
            var box = type == enumType
                ? boxes.GetMethod(nameof(Boxes<DayOfWeek>.Of), [enumType])!
                : boxes.GetMethod(nameof(Boxes<DayOfWeek>.Of), [type])!;
            value = Expression.Call(box, value);
        }
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), instance).Compile();
    }

    /// <summary>One box per value of <typeparamref name="T"/>, made once.</summary>
    internal static class Boxes<T> where T : struct, Enum
    {
        private static readonly FrozenDictionary<T, object> All =
            Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => (object)v).ToFrozenDictionary();

        public static object Of(T value) => All.TryGetValue(value, out var box) ? box : value;

        public static object? Of(T? value) => value is { } v ? Of(v) : null;
    }
}
