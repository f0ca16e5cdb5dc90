using System.Linq.Expressions;
using System.Reflection;

namespace KmsActors.Kms.Model;

/// <summary>A compiled (object) → member value reader: the audit snapshot and the region's key-ID routing read record
/// members of any request type on every call, and PropertyInfo.GetValue costs several times more.</summary>
internal static class PropertyGetter
{
    public static Func<object, object?> Compile(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object), "instance");
        var value = Expression.Property(Expression.Convert(instance, property.DeclaringType!), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), instance).Compile();
    }
}
