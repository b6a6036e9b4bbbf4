#include "sim/output/special_file.hpp"

#include <system_error>

namespace sim::output {

std::string special_file_kind(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  switch (fs::status(path, error).type()) {  // stat(2): looks at the file without opening it
    case fs::file_type::directory: return "a folder";
    case fs::file_type::fifo: return "a FIFO (named pipe)";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    default: return "";
  }
}

}  // namespace sim::output
