#include "datasets/generator/name_pools.h"

#include <array>

namespace sutra::gen {
namespace {

using Names = std::string_view;

// Hindi belt. Female surnames "Devi" and "Kumari" are handled by the identity builder.
constexpr Names kHindiMale[] = {
    "Rajesh",    "Ramesh",  "Suresh",     "Sanjay",   "Manoj",    "Sunil",    "Anil",
    "Rakesh",    "Mukesh",  "Vijay",      "Ajay",     "Santosh",  "Pankaj",   "Amit",
    "Dinesh",    "Mahesh",  "Vikas",      "Pradeep",  "Deepak",   "Ravi",     "Sandeep",
    "Vinod",     "Ashok",   "Dharmendra", "Rajendra", "Surendra", "Jitendra", "Virendra",
    "Narendra",  "Pramod",  "Arvind",     "Rahul",    "Rohit",    "Neeraj",   "Vishal",
    "Gaurav",    "Brijesh", "Shailendra", "Yogesh",   "Umesh",    "Kamlesh",  "Lalit",
    "Bhupendra", "Shyam",   "Ram",        "Raju",     "Munna",    "Satish",   "Naresh",
    "Anuj",      "Sachin",  "Ankit",      "Shivam",   "Abhishek", "Akhilesh", "Awadhesh",
    "Chandan",   "Dilip",   "Harish",     "Jagdish",  "Kishore",  "Lakshman", "Mohan",
    "Omprakash", "Prem",    "Radheshyam", "Shankar",  "Upendra",  "Vivek",    "Yashwant"};
constexpr Names kHindiFemale[] = {
    "Sunita", "Anita",  "Geeta",   "Seema",    "Rekha",  "Pooja",    "Priya",  "Kavita", "Savita",
    "Neha",   "Suman",  "Manju",   "Radha",    "Sita",   "Kiran",    "Pushpa", "Shanti", "Usha",
    "Asha",   "Mamta",  "Rani",    "Kusum",    "Sarita", "Vandana",  "Rinki",  "Pinki",  "Jyoti",
    "Nisha",  "Preeti", "Meena",   "Sangeeta", "Poonam", "Ritu",     "Anjali", "Shobha", "Kamla",
    "Lalita", "Urmila", "Sushila", "Bindu",    "Gudiya", "Khushboo", "Soni",   "Archana"};
constexpr Names kHindiSurnames[] = {
    "Kumar",  "Singh",  "Yadav",      "Sharma",  "Verma",   "Gupta",    "Mishra",    "Tiwari",
    "Pandey", "Prasad", "Shukla",     "Chauhan", "Paswan",  "Maurya",   "Kushwaha",  "Rajput",
    "Thakur", "Jha",    "Srivastava", "Saxena",  "Dubey",   "Tripathi", "Chaudhary", "Meena",
    "Jatav",  "Gurjar", "Rathore",    "Soni",    "Agarwal", "Jain",     "Nishad",    "Rai",
    "Pal",    "Rawat",  "Sahu",       "Mahto",   "Ram",     "Lodhi",    "Bind",      "Kashyap"};

constexpr Names kMarathiMale[] = {
    "Ganesh",   "Sachin",   "Santosh",   "Nilesh",  "Amol",        "Mahesh",    "Prakash",
    "Vijay",    "Sunil",    "Dattatray", "Tukaram", "Vitthal",     "Balasaheb", "Sandip",
    "Rahul",    "Swapnil",  "Pravin",    "Vikas",   "Dnyaneshwar", "Ramdas",    "Shivaji",
    "Sambhaji", "Nitin",    "Mangesh",   "Ajinkya", "Tushar",      "Yogesh",    "Kiran",
    "Ashok",    "Sanjay",   "Suresh",    "Dilip",   "Anil",        "Bhausaheb", "Pandurang",
    "Maruti",   "Eknath",   "Namdev",    "Sopan",   "Raju",        "Umesh",     "Ravindra",
    "Sudhir",   "Shrikant", "Hemant",    "Kailas",  "Bapu",        "Appasaheb"};
constexpr Names kMarathiFemale[] = {
    "Sunita", "Sangita",  "Manisha", "Ashwini", "Pooja",     "Priyanka", "Sonali",  "Jyoti",
    "Savita", "Vaishali", "Rupali",  "Swati",   "Shubhangi", "Anjali",   "Lata",    "Suvarna",
    "Sarika", "Mangal",   "Kamal",   "Shalan",  "Rohini",    "Madhuri",  "Archana", "Smita",
    "Nanda",  "Usha",     "Sushma",  "Kavita",  "Rekha",     "Vandana"};
constexpr Names kMarathiSurnames[] = {
    "Jadhav",   "Pawar",    "Patil",    "Shinde",     "More",     "Kamble",   "Gaikwad", "Deshmukh",
    "Chavan",   "Kulkarni", "Joshi",    "Deshpande",  "Salunkhe", "Bhosale",  "Kale",    "Wagh",
    "Mane",     "Sawant",   "Kadam",    "Thorat",     "Shelke",   "Lokhande", "Gavli",   "Sonawane",
    "Waghmare", "Jagtap",   "Khandare", "Kshirsagar", "Bhalerao", "Dhumal",   "Gore",    "Ingale",
    "Mhaske",   "Nikam",    "Pardeshi", "Raut",       "Shirsat",  "Thakre",   "Wadekar", "Yadav"};

constexpr Names kGujaratiMale[] = {
    "Jignesh", "Bhavesh",  "Hitesh",   "Paresh",  "Mukesh", "Ketan",  "Chirag", "Nilesh",
    "Dipak",   "Mahendra", "Hardik",   "Kalpesh", "Rajesh", "Alpesh", "Jayesh", "Pravin",
    "Bharat",  "Dilip",    "Ramesh",   "Kishor",  "Vipul",  "Sanjay", "Nikhil", "Manish",
    "Harshad", "Ashwin",   "Jitendra", "Kirit",   "Mehul",  "Naresh", "Pankaj", "Tushar"};
constexpr Names kGujaratiFemale[] = {"Hetal",   "Bhavna",  "Nisha",   "Kajal",   "Komal", "Daksha",
                                     "Jagruti", "Falguni", "Rekha",   "Manisha", "Hema",  "Pooja",
                                     "Mittal",  "Jalpa",   "Urvashi", "Kinjal",  "Bhumi", "Nayna",
                                     "Sonal",   "Varsha",  "Geeta",   "Dimple"};
constexpr Names kGujaratiSurnames[] = {
    "Patel",   "Shah",      "Mehta",   "Desai",     "Parmar",  "Solanki", "Chauhan",
    "Rathod",  "Joshi",     "Thakor",  "Prajapati", "Vaghela", "Makwana", "Bhatt",
    "Trivedi", "Modi",      "Panchal", "Rabari",    "Bharwad", "Gohil",   "Jadeja",
    "Vasava",  "Chaudhari", "Dave",    "Pandya",    "Soni",    "Mistry",  "Vora"};

// Punjabi: the surname list holds clan names; "Singh" and "Kaur" are added by the builder.
constexpr Names kPunjabiMale[] = {"Gurpreet",  "Harpreet", "Manpreet", "Jaswinder",  "Sukhwinder",
                                  "Kulwinder", "Baljit",   "Harjit",   "Amarjit",    "Gurmeet",
                                  "Paramjit",  "Jasbir",   "Ranjit",   "Lakhwinder", "Satnam",
                                  "Balwinder", "Gurdeep",  "Navdeep",  "Mandeep",    "Sandeep",
                                  "Jagdeep",   "Harinder", "Rajinder", "Gurjant",    "Sukhdev",
                                  "Jaspal",    "Kuldeep",  "Inderjit", "Tarsem",     "Karamjit"};
constexpr Names kPunjabiFemale[] = {
    "Gurpreet", "Harpreet",  "Manpreet",  "Jaswinder", "Simran",     "Harleen",
    "Jaspreet", "Rajwinder", "Kamaljit",  "Manjit",    "Sukhwinder", "Paramjit",
    "Navneet",  "Amandeep",  "Ramandeep", "Kirandeep", "Baljinder",  "Gurmeet"};
constexpr Names kPunjabiSurnames[] = {"Sandhu", "Sidhu",    "Gill",   "Dhillon", "Brar",
                                      "Grewal", "Randhawa", "Bajwa",  "Virk",    "Cheema",
                                      "Mann",   "Sekhon",   "Aulakh", "Kang",    "Bains",
                                      "Johal",  "Dhaliwal", "Toor",   "Khaira",  "Saini"};

constexpr Names kBengaliMale[] = {
    "Subhash",   "Biswajit", "Tapas",  "Sanjib",  "Debasish", "Partha",  "Sourav",  "Arijit",
    "Prasenjit", "Abhijit",  "Amit",   "Santanu", "Bikash",   "Pradip",  "Swapan",  "Ashim",
    "Dipankar",  "Sujit",    "Ranjit", "Goutam",  "Tanmoy",   "Sudip",   "Anirban", "Kalyan",
    "Manas",     "Bappa",    "Raju",   "Nirmal",  "Bablu",    "Shyamal", "Uttam",   "Tarun",
    "Sukumar",   "Haradhan", "Prabir", "Sankar",  "Joydeb",   "Rajib"};
constexpr Names kBengaliFemale[] = {
    "Rina",   "Mita",   "Soma",     "Mousumi", "Rumpa",   "Papiya", "Sharmila", "Tanushree",
    "Sumita", "Dipali", "Chandana", "Jhuma",   "Moumita", "Puja",   "Anjana",   "Shampa",
    "Sathi",  "Lipika", "Rupa",     "Mampi",   "Tumpa",   "Sangita"};
constexpr Names kBengaliSurnames[] = {
    "Das",      "Dey",         "Ghosh",        "Bose",       "Mondal",   "Mandal",
    "Biswas",   "Sarkar",      "Roy",          "Chatterjee", "Banerjee", "Mukherjee",
    "Saha",     "Paul",        "Pal",          "Haldar",     "Sen",      "Dutta",
    "Majumder", "Chakraborty", "Bhattacharya", "Naskar",     "Bag",      "Pramanik",
    "Hazra",    "Karmakar",    "Bera",         "Maity",      "Jana",     "Samanta"};

// Tamil: no family surnames; a few caste titles are used by some people.
constexpr Names kTamilMale[] = {
    "Murugan",   "Senthil Kumar", "Ramesh",     "Karthik",     "Saravanan",  "Arumugam",
    "Selvam",    "Ganesan",       "Rajendran",  "Periyasamy",  "Kannan",     "Velu",
    "Subramani", "Mani",          "Balaji",     "Prabhu",      "Vignesh",    "Sathish Kumar",
    "Anbu",      "Muthu",         "Palani",     "Raja",        "Siva",       "Dinesh",
    "Vijay",     "Pandian",       "Ayyappan",   "Sundaram",    "Elango",     "Thangaraj",
    "Kumaresan", "Manikandan",    "Ravi",       "Sekar",       "Krishnan",   "Gopal",
    "Rajkumar",  "Venkatesan",    "Sivakumar",  "Karuppasamy", "Chinnasamy", "Jeyakumar",
    "Natarajan", "Ponnusamy",     "Tamilselvan"};
constexpr Names kTamilFemale[] = {
    "Lakshmi",    "Meena",      "Kavitha",     "Selvi", "Valli",  "Priya",
    "Revathi",    "Malathi",    "Saranya",     "Devi",  "Anitha", "Jayanthi",
    "Sumathi",    "Vijaya",     "Chitra",      "Padma", "Pushpa", "Muthulakshmi",
    "Kalaiselvi", "Pandiselvi", "Mahalakshmi", "Gowri", "Jothi",  "Amudha"};
constexpr Names kTamilSurnames[] = {"Pillai", "Nadar",    "Gounder", "Chettiar",
                                    "Thevar", "Mudaliar", "Naicker", "Iyer"};

constexpr Names kTeluguMale[] = {
    "Srinivas",  "Venkatesh",     "Ramesh",   "Suresh",         "Ravi",           "Naresh",
    "Mahesh",    "Ramu",          "Krishna",  "Nagaraju",       "Venkata Ramana", "Srinu",
    "Prasad",    "Satyanarayana", "Rambabu",  "Chandra Sekhar", "Anil",           "Kiran",
    "Raju",      "Balaraju",      "Yadagiri", "Mallesh",        "Narsimha",       "Anjaneyulu",
    "Sai Kumar", "Praveen",       "Sridhar",  "Venu",           "Bhaskar",        "Koteswara Rao",
    "Rajesh",    "Shankar",       "Mahender", "Lingaiah",       "Ramulu"};
constexpr Names kTeluguFemale[] = {"Lakshmi", "Padma",     "Swathi",  "Sravani", "Anusha",
                                   "Lavanya", "Bhavani",   "Sirisha", "Madhavi", "Sujatha",
                                   "Renuka",  "Manga",     "Durga",   "Sunitha", "Jyothi",
                                   "Vijaya",  "Rajeswari", "Saritha", "Kalpana", "Pushpa"};
// Telugu family names; caste suffixes (Reddy, Naidu, ...) are added by the builder.
constexpr Names kTeluguSurnames[] = {
    "Gaddam", "Kondapalli", "Bandi",     "Boya",       "Gollapudi", "Pothula",  "Kota",
    "Vemula", "Bandaru",    "Chilukuri", "Dasari",     "Erra",      "Gorantla", "Jakkula",
    "Kasani", "Maddela",    "Nalla",     "Pasupuleti", "Peddi",     "Rayala",   "Sanaboina",
    "Thota",  "Uppala",     "Yerra",     "Mekala",     "Kandula",   "Bommu",    "Gundu"};

constexpr Names kKannadaMale[] = {
    "Manjunath",   "Nagaraj",    "Shivakumar",    "Ravi",    "Mahesh",    "Basavaraj",
    "Prakash",     "Raghu",      "Suresh",        "Kumar",   "Venkatesh", "Siddaraju",
    "Shivanna",    "Ramesh",     "Puttaswamy",    "Chandru", "Harish",    "Girish",
    "Naveen",      "Lokesh",     "Mallikarjun",   "Umesh",   "Santosh",   "Srinivas",
    "Ramachandra", "Krishnappa", "Hanumanthappa", "Rudresh", "Yallappa",  "Shekar"};
constexpr Names kKannadaFemale[] = {"Lakshmi", "Savitha",  "Shobha",  "Manjula", "Geetha",
                                    "Kavya",   "Pavithra", "Rekha",   "Shwetha", "Nagaratna",
                                    "Sumitra", "Bhagya",   "Yashoda", "Shilpa",  "Roopa",
                                    "Asha",    "Mamatha",  "Sunanda"};
constexpr Names kKannadaSurnames[] = {"Gowda", "Shetty", "Naik",    "Hegde", "Patil",
                                      "Rao",   "Rai",    "Poojary", "Kulal", "Achar"};

constexpr Names kMalayalamMale[] = {
    "Suresh",       "Rajesh",    "Anil",          "Sunil",    "Biju",   "Shaji",    "Saji",
    "Manoj",        "Vinod",     "Pradeep",       "Santhosh", "Ajith",  "Sreejith", "Rajeev",
    "Unnikrishnan", "Gopakumar", "Babu",          "Sasi",     "Jayan",  "Ratheesh", "Vineeth",
    "Sreekumar",    "Anoop",     "Arun",          "Bineesh",  "Dileep", "Haridas",  "Krishnakumar",
    "Mohanan",      "Prasanth",  "Radhakrishnan", "Sajeev",   "Shibu",  "Vishnu"};
constexpr Names kMalayalamFemale[] = {"Bindu",   "Sindhu",   "Latha",  "Lekha",    "Beena",
                                      "Reshmi",  "Divya",    "Anju",   "Sreeja",   "Soumya",
                                      "Shyni",   "Jisha",    "Ambika", "Sheeja",   "Remya",
                                      "Aswathy", "Sreedevi", "Girija", "Prasanna", "Omana"};
constexpr Names kMalayalamSurnames[] = {"Nair",    "Menon",   "Pillai",   "Kurup",  "Panicker",
                                        "Nambiar", "Warrier", "Unnithan", "Kaimal", "Thampi"};

// Muslim names: "Mohammad" is kept canonical here and varied by spelling_variants.
constexpr Names kMuslimMale[] = {
    "Mohammad Irfan", "Imran",          "Salim",        "Javed",          "Shahid",
    "Aslam",          "Arif",           "Rashid",       "Sajid",          "Wasim",
    "Nadeem",         "Farhan",         "Shakil",       "Anwar",          "Iqbal",
    "Sameer",         "Sohail",         "Aamir",        "Zahid",          "Raees",
    "Mohammad Salim", "Mohammad Rafiq", "Abdul Rashid", "Abdul Kalam",    "Mohammad Ashraf",
    "Shahrukh",       "Faizan",         "Ayub",         "Yusuf",          "Ismail",
    "Mohammad Akram", "Jamal",          "Nasir",        "Mohammad Shafi", "Rizwan",
    "Mustafa",        "Firoz",          "Mohammad Ali", "Kasim",          "Altaf"};
constexpr Names kMuslimFemale[] = {"Shabana", "Nazia",    "Farzana", "Rukhsar",    "Shaheen",
                                   "Ruksana", "Tabassum", "Nasreen", "Zeenat",     "Salma",
                                   "Ayesha",  "Fatima",   "Sultana", "Gulnaz",     "Parveen",
                                   "Reshma",  "Shahnaz",  "Rubina",  "Mehrunnisa", "Sabiha"};
constexpr Names kMuslimSurnames[] = {"Khan",    "Shaikh", "Ansari",    "Qureshi", "Siddiqui",
                                     "Syed",    "Pathan", "Mirza",     "Ali",     "Ahmed",
                                     "Hussain", "Malik",  "Mansuri",   "Rizvi",   "Sheikh",
                                     "Alam",    "Baig",   "Chaudhary", "Khatri",  "Memon"};

constexpr Names kChristianMale[] = {
    "Joseph", "Thomas",    "Anthony", "Francis", "Peter",    "John",    "George", "Mathew",
    "Jacob",  "Sebastian", "Xavier",  "Stephen", "Paul",     "Samuel",  "David",  "Daniel",
    "Jose",   "Shibu",     "Jijo",    "Tomy",    "Binu",     "Jaison",  "Prince", "Roshan",
    "Wilson", "Michael",   "Robert",  "Jerome",  "Lawrence", "Ignatius"};
constexpr Names kChristianFemale[] = {"Mary",    "Annamma", "Elizabeth", "Sheeba", "Jincy",
                                      "Rosamma", "Merlin",  "Teresa",    "Gracy",  "Sophia",
                                      "Jessy",   "Lissy",   "Molly",     "Alice",  "Reena",
                                      "Jancy",   "Sherin",  "Stella",    "Celine", "Agnes"};
constexpr Names kChristianSurnames[] = {
    "Varghese", "Kurian",  "Mathew",    "Jacob",   "Chacko",    "Philip", "Abraham", "Thomas",
    "Joseph",   "D'Souza", "Fernandes", "Pereira", "Rodrigues", "Lobo",   "Pinto",   "Gomes",
    "Xavier",   "Raj",     "Masih",     "John",    "Dcruz",     "Lazar"};

constexpr Names kNicknames[] = {
    "Raju",   "Pappu", "Bablu", "Chotu",  "Munna",  "Guddu", "Kallu",  "Sonu",  "Monu",   "Tinku",
    "Bunty",  "Pintu", "Lalla", "Kaalia", "Langda", "Golu",  "Bhola",  "Tiger", "Dada",   "Sheru",
    "Chikna", "Kalu",  "Anna",  "Kutty",  "Babu",   "Appu",  "Mottai", "Bala",  "Bullet", "Tony",
    "Vicky",  "Rocky", "Lucky", "Chintu", "Bittu",  "Sallu", "Pandu",  "Kaju",  "Tipu",   "Bunny"};

const std::array<NamePool, kTraditionCount> kPools = {{
    {kHindiMale, kHindiFemale, kHindiSurnames},
    {kMarathiMale, kMarathiFemale, kMarathiSurnames},
    {kGujaratiMale, kGujaratiFemale, kGujaratiSurnames},
    {kPunjabiMale, kPunjabiFemale, kPunjabiSurnames},
    {kBengaliMale, kBengaliFemale, kBengaliSurnames},
    {kTamilMale, kTamilFemale, kTamilSurnames},
    {kTeluguMale, kTeluguFemale, kTeluguSurnames},
    {kKannadaMale, kKannadaFemale, kKannadaSurnames},
    {kMalayalamMale, kMalayalamFemale, kMalayalamSurnames},
    {kMuslimMale, kMuslimFemale, kMuslimSurnames},
    {kChristianMale, kChristianFemale, kChristianSurnames},
}};

}  // namespace

const NamePool& PoolFor(Tradition tradition) { return kPools[static_cast<int>(tradition)]; }

std::span<const std::string_view> Nicknames() { return kNicknames; }

bool WrittenInDevanagari(Tradition tradition) {
  return tradition == Tradition::kHindi || tradition == Tradition::kMarathi;
}

}  // namespace sutra::gen
