#include "tensorflow_micro/core/format.h"

#include <cstdint>

namespace tfmicro {
namespace {

class Writer {
 public:
  Writer(char* buffer, size_t size) : buffer_(buffer), size_(size) {}
  void Put(char c) {
    if (size_ > 0 && length_ + 1 < size_) buffer_[length_++] = c;
  }
  void Puts(const char* s) {
    if (s == nullptr) s = "(null)";
    while (*s) Put(*s++);
  }
  void PutUnsigned(unsigned long long value, unsigned base) {
    char digits[24];
    int n = 0;
    do {
      const unsigned d = static_cast<unsigned>(value % base);
      digits[n++] = static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10);
      value /= base;
    } while (value != 0);
    while (n > 0) Put(digits[--n]);
  }
  void PutSigned(long long value) {
    if (value < 0) {
      Put('-');
      PutUnsigned(0ULL - static_cast<unsigned long long>(value), 10);
    } else {
      PutUnsigned(static_cast<unsigned long long>(value), 10);
    }
  }
  // Up to 6 significant digits, scientific notation outside [1e-4, 1e6).
  void PutFloat(double value) {
    if (value != value) {
      Puts("nan");
      return;
    }
    if (value < 0) {
      Put('-');
      value = -value;
    }
    if (value > 1.7e308) {
      Puts("inf");
      return;
    }
    if (value == 0) {
      Put('0');
      return;
    }
    int exponent = 0;
    double mantissa = value;
    while (mantissa >= 10.0) {
      mantissa /= 10.0;
      ++exponent;
    }
    while (mantissa < 1.0) {
      mantissa *= 10.0;
      --exponent;
    }
    // Six significant digits, rounded.
    unsigned long long digits =
        static_cast<unsigned long long>(mantissa * 100000.0 + 0.5);
    if (digits >= 1000000ULL) {
      digits /= 10;
      ++exponent;
    }
    const bool scientific = exponent < -4 || exponent >= 6;
    char text[8];
    for (int i = 5; i >= 0; --i) {
      text[i] = static_cast<char>('0' + digits % 10);
      digits /= 10;
    }
    int last = 5;  // drop trailing zeros
    if (scientific) {
      while (last > 0 && text[last] == '0') --last;
      Put(text[0]);
      if (last > 0) Put('.');
      for (int i = 1; i <= last; ++i) Put(text[i]);
      // printf style: e+10, e-07.
      Put('e');
      Put(exponent < 0 ? '-' : '+');
      const int magnitude = exponent < 0 ? -exponent : exponent;
      if (magnitude < 10) Put('0');
      PutUnsigned(static_cast<unsigned>(magnitude), 10);
      return;
    }
    const int point = exponent;  // digits before the point: point + 1
    if (point < 0) {
      Puts("0.");
      for (int i = -1; i > point; --i) Put('0');
      while (last > 0 && text[last] == '0') --last;
      for (int i = 0; i <= last; ++i) Put(text[i]);
      return;
    }
    for (int i = 0; i <= point; ++i) Put(text[i]);
    while (last > point && text[last] == '0') --last;
    if (last > point) {
      Put('.');
      for (int i = point + 1; i <= last; ++i) Put(text[i]);
    }
  }
  size_t Finish() {
    if (size_ > 0) buffer_[length_] = '\0';
    return length_;
  }

 private:
  char* buffer_;
  size_t size_;
  size_t length_ = 0;
};

}  // namespace

size_t FormatV(char* buffer, size_t size, const char* format, va_list args) {
  Writer out(buffer, size);
  for (const char* p = format; *p; ++p) {
    if (*p != '%') {
      out.Put(*p);
      continue;
    }
    ++p;
    int longs = 0;
    bool size_t_arg = false;
    while (*p == 'l' || *p == 'z') {
      if (*p == 'l') ++longs;
      if (*p == 'z') size_t_arg = true;
      ++p;
    }
    switch (*p) {
      case 'd':
      case 'i':
        if (size_t_arg) {
          out.PutSigned(static_cast<long long>(va_arg(args, ptrdiff_t)));
        } else if (longs >= 2) {
          out.PutSigned(va_arg(args, long long));
        } else if (longs == 1) {
          out.PutSigned(va_arg(args, long));
        } else {
          out.PutSigned(va_arg(args, int));
        }
        break;
      case 'u':
      case 'x': {
        const unsigned base = *p == 'x' ? 16 : 10;
        if (size_t_arg) {
          out.PutUnsigned(va_arg(args, size_t), base);
        } else if (longs >= 2) {
          out.PutUnsigned(va_arg(args, unsigned long long), base);
        } else if (longs == 1) {
          out.PutUnsigned(va_arg(args, unsigned long), base);
        } else {
          out.PutUnsigned(va_arg(args, unsigned), base);
        }
        break;
      }
      case 'c':
        out.Put(static_cast<char>(va_arg(args, int)));
        break;
      case 's':
        out.Puts(va_arg(args, const char*));
        break;
      case 'f':
      case 'g':
      case 'e':
        out.PutFloat(va_arg(args, double));
        break;
      case '%':
        out.Put('%');
        break;
      case '\0':
        return out.Finish();
      default:
        out.Put('%');
        out.Put(*p);
        break;
    }
  }
  return out.Finish();
}

size_t Format(char* buffer, size_t size, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const size_t n = FormatV(buffer, size, format, args);
  va_end(args);
  return n;
}

}  // namespace tfmicro
