# sutra_er_model: entity-resolution field comparison and the Fellegi–Sunter model. Pure code on
# the data model; no storage. Included from algorithms/CMakeLists.txt.
set(SUTRA_ER_MODEL_DIR ${CMAKE_CURRENT_LIST_DIR})
add_library(sutra_er_model ${SUTRA_ER_MODEL_DIR}/similarity.cc ${SUTRA_ER_MODEL_DIR}/comparison.cc
                           ${SUTRA_ER_MODEL_DIR}/term_frequency.cc ${SUTRA_ER_MODEL_DIR}/fellegi_sunter.cc
                           ${SUTRA_ER_MODEL_DIR}/fellegi_sunter_text.cc
                           ${SUTRA_ER_MODEL_DIR}/blocking.cc ${SUTRA_ER_MODEL_DIR}/clustering.cc
                           ${SUTRA_ER_MODEL_DIR}/strong_identifier.cc
                           ${SUTRA_ER_MODEL_DIR}/candidate_scoring.cc)
target_link_libraries(sutra_er_model PUBLIC sutra_model PRIVATE Threads::Threads)

if(SUTRA_BUILD_TESTS)
  add_executable(er_model_tests ${SUTRA_ER_MODEL_DIR}/er_model_test.cc
                                ${SUTRA_ER_MODEL_DIR}/er_cluster_test.cc
                                ${SUTRA_ER_MODEL_DIR}/er_constraints_test.cc
                                ${SUTRA_ER_MODEL_DIR}/compare_levels_test.cc)
  target_link_libraries(er_model_tests PRIVATE sutra_er_model GTest::gtest_main)
  gtest_discover_tests(er_model_tests PROPERTIES LABELS fast)
endif()
